/**
 * The kernel gateway: the WebSocket {@code /api/kernels/{id}/channels} that carries a client's
 * messages to a kernel's ZeroMQ sockets and everything the kernel says back, in Jupyter's JSON form.
 * The endpoint stays thin: it resolves the kernel and hands off to a {@code KernelBridge} per
 * connection. Still to come: durable outputs, replay on reconnect, size and rate limits, auth.
 */
package io.jotter.server.gateway;
