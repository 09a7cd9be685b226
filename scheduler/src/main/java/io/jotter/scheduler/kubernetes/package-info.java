/**
 * The Kubernetes adapter of the {@link io.jotter.scheduler.runtime.RuntimeBackend} port: one pod per runtime, built
 * from the kernel pod template in {@code infra/k8s/base/} ({@link io.jotter.scheduler.kubernetes.KernelPodSpec}),
 * its connection file and secret environment in a Secret of its own, its state followed by a pod watch
 * ({@link io.jotter.scheduler.kubernetes.PodPhaseWatcher}), and the pool's capacity read from the watched node
 * inventory ({@link io.jotter.scheduler.kubernetes.NodeInventory}).
 *
 * <p>Everything here talks to the API server through fabric8's client and nothing else. Queueing, quota and
 * placement decisions are not made here, and nothing here reads the server's records: the reconciler matches
 * {@link io.jotter.scheduler.runtime.RuntimeBackend#discover()}'s handles to them.
 */
package io.jotter.scheduler.kubernetes;
