/**
 * What the kernel does with each request: one handler per message type, registered by type in
 * {@link io.jotter.kernel.handler.Dispatcher}, which also brackets every request with busy and idle
 * status (all but Jotter's quiet {@code jotter_replay_request}) and answers types it does not know with an
 * error reply.
 */
package io.jotter.kernel.handler;
