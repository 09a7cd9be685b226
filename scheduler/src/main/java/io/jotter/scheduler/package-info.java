/**
 * Runtime lifecycle (request, admit, place, launch, connect, cull, stop) behind the RuntimeBackend port, with local-process and Kubernetes backends.
 *
 * <p>Not built yet: this module is a placeholder in the reactor until its issue lands.
 */
package io.jotter.scheduler;
