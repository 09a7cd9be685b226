/**
 * Runtime types (cpu, gpu-t4, tpu-v5e-1, ...): the devices, memory, Kubernetes resources and node labels each
 * needs, and what an hour of it costs in compute units. Defaults live in {@link io.jotter.pool.catalog.RuntimeCatalog#defaults()};
 * the server's configuration adds to them or overrides them.
 */
package io.jotter.pool.catalog;
