/**
 * Running kernels ({@code /api/kernels}): start one from a kernel spec through the scheduler's
 * {@code RuntimeBackend}, wait until it answers, list, interrupt, restart and shut it down. The
 * WebSocket gateway to a kernel's channels, and tracking its busy/idle state from iopub, come next.
 */
package io.jotter.server.kernels;
