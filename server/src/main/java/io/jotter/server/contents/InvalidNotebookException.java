package io.jotter.server.contents;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A notebook that nbformat 4's schema rejects; the message names the first failing JSON paths (400). */
public class InvalidNotebookException extends ApiException {
    private final List<String> problems;

    public InvalidNotebookException(String path, List<String> problems) {
        super(Response.Status.BAD_REQUEST, "not a valid nbformat 4 notebook, nothing was saved to " + path + ": "
                + String.join("; ", problems), "invalid notebook");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
