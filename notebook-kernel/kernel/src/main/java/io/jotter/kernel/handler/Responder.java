package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;

/** How a handler answers the request it is handling. */
public interface Responder {
    /** Sends the reply on the channel the request came from. */
    void reply(Content content);

    /** Sends a reply whose type is named explicitly, for error replies to unknown requests. */
    void reply(String msgType, Content content);

    /** Publishes on iopub with the request as parent. */
    void publish(Content content);

    /**
     * Answers the execute requests already queued behind this one with "aborted", now: call it before
     * the reply, so that nothing sent after the client learnt of the failure is aborted.
     */
    void abortQueued();
}
