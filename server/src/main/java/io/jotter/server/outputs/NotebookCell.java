package io.jotter.server.outputs;

/**
 * A cell of a stored notebook.
 *
 * @param owner whose notebook
 * @param path the notebook's path in the contents API
 * @param cellId the nbformat 4.5 cell id
 */
public record NotebookCell(String owner, String path, String cellId) {
}
