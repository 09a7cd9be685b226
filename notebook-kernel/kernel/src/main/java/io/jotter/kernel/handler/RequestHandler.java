package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;

/** Handles one type of request. Called on the thread of the channel the request came on. */
@FunctionalInterface
public interface RequestHandler<C extends Content> {
    void handle(Message<C> request, Responder out) throws Exception;
}
