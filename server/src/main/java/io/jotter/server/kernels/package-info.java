/**
 * Running kernels ({@code /api/kernels}): start one from a kernel spec through the scheduler's
 * {@code RuntimeBackend}, wait until it answers, list, interrupt, restart and shut it down; each one
 * recorded in the {@code runtimes} table. Around them: their activity (execution state as iopub
 * reports it), the watchdog that notices a dead process, the idle culler and maximum lifetime, and the
 * reconciler that settles what a crashed server left behind. Talking to clients is the gateway's job.
 */
package io.jotter.server.kernels;
