/**
 * Durable outputs: a cell's outputs written into the stored notebook while it runs, so closing the
 * browser loses nothing. Outputs are matched to cells by the {@code cellId} Jupyter clients put in
 * an {@code execute_request}'s metadata and to notebooks by the kernel's session. Each write replaces
 * the cell's whole output list with what the server has seen of the run, so a save the browser makes
 * meanwhile can never duplicate or drop output. Nothing here talks to clients.
 */
package io.jotter.server.outputs;
