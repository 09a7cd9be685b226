package io.jotter.server.sessions;

/**
 * One notebook connected to one kernel.
 *
 * @param id the session id
 * @param owner the user whose notebook it is
 * @param path the notebook's path, as the contents API names it
 * @param name the session's name (JupyterLab uses the file name)
 * @param type {@code notebook}, or {@code console} or {@code file}
 * @param kernelId the running kernel it uses
 */
public record NotebookSession(String id, String owner, String path, String name, String type, String kernelId) {
    public NotebookSession withPathAndName(String newPath, String newName) {
        return new NotebookSession(id, owner, newPath == null ? path : newPath, newName == null ? name : newName, type,
                kernelId);
    }

    public NotebookSession withKernel(String newKernelId) {
        return new NotebookSession(id, owner, path, name, type, newKernelId);
    }
}
