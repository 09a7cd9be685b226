/**
 * The kernel's five ZeroMQ sockets: binding them from the connection file, the shell and control
 * request loops, the iopub publisher and its bounded history of what it published per request (for
 * replay), the stdin channel that asks clients for input, and the heartbeat echo.
 * Messages are decoded and checked here; what a request means is the handlers' business.
 */
package io.jotter.kernel.transport;
