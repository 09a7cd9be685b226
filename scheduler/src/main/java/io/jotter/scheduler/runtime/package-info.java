/**
 * The {@link io.jotter.scheduler.runtime.RuntimeBackend} port: start, poll, interrupt, kill and clean up one
 * kernel, wherever it runs. Modelled on jupyter_client's kernel provisioners.
 *
 * <p>Only the contract and its value types live here. Adapters (local processes, Kubernetes pods) live in their
 * own packages and depend on this one, never the other way; queueing, quota and placement decisions are not a
 * backend's business.
 */
package io.jotter.scheduler.runtime;
