/**
 * Notebook sessions ({@code /api/sessions}): which kernel a notebook (by path) is connected to, as
 * Jupyter Server's API has it, so a client opening a notebook finds or starts its kernel. Held in
 * memory for now; persisted with the runtimes table later.
 */
package io.jotter.server.sessions;
