/**
 * Notebook sessions ({@code /api/sessions}): which kernel a notebook (by path) is connected to, as
 * Jupyter Server's API has it, so a client opening a notebook finds or starts its kernel, and so the
 * gateway knows which stored notebook a kernel's outputs belong to. Per user, in memory: a session
 * ends with its kernel, and kernels end with the server.
 */
package io.jotter.server.sessions;
