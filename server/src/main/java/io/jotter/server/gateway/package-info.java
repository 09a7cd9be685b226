/**
 * The kernel gateway: the WebSocket {@code /api/kernels/{id}/channels} that carries clients' messages
 * to a kernel's ZeroMQ sockets and everything the kernel says back, in Jupyter's JSON form. The
 * endpoint stays thin: it resolves the kernel and hands the socket to that kernel's one
 * {@code KernelConnection}, which routes replies by session, broadcasts iopub, keeps what an absent
 * client misses for its return, applies the size and output-rate limits, and reports activity and
 * outputs. Authentication happens before (the identity filter); what to store is the outputs package's.
 */
package io.jotter.server.gateway;
