package io.jotter.kernel.comm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.protocol.Content;

/**
 * Where the kernel's side of a comm sends: iopub, parented to the request being handled (a cell, or the comm message
 * whose handler runs), as ipykernel does. Any thread may call.
 */
public interface CommSink {
    /**
     * @param message a {@link Content.CommOpen}, {@link Content.CommMsg} or {@link Content.CommClose}
     * @param metadata the message's metadata (the widget protocol's version goes on comm_open)
     */
    void send(Content message, ObjectNode metadata);
}
