/**
 * Runtime types (cpu, gpu-t4, ...): the devices, memory, Kubernetes resources and node labels each needs, and what
 * an hour of it costs in compute units. Defaults live in {@link io.jotter.pool.catalog.RuntimeCatalog#defaults()}
 * (CPU and GPU types only); the server's configuration adds to them or overrides them, a TPU type included.
 */
package io.jotter.pool.catalog;
