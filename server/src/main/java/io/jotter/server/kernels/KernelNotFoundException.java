package io.jotter.server.kernels;

import jakarta.ws.rs.NotFoundException;

/** No running kernel has this id: 404. */
public class KernelNotFoundException extends NotFoundException {
    public KernelNotFoundException(String id) {
        super("no running kernel with id " + id);
    }
}
