package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.MessageTypes;
import io.jotter.kernel.transport.KernelLog;
import java.util.HashMap;
import java.util.Map;

/** Routes each request to the handler registered for its content type, between busy and idle status. */
public final class Dispatcher {
    private final Map<Class<? extends Content>, RequestHandler<?>> handlers = new HashMap<>();

    public <C extends Content> Dispatcher on(Class<C> type, RequestHandler<C> handler) {
        handlers.put(type, handler);
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void dispatch(Message<?> request, Responder out) {
        out.publish(new Content.Status("busy"));
        try {
            RequestHandler handler = handlers.get(request.content().getClass());
            if (handler == null) {
                KernelLog.info("no handler for " + request.msgType() + "; answered with an error");
                out.reply(MessageTypes.replyNameOf(request.msgType()),
                        Content.ErrorReply.of("UnknownMessageType", "this kernel does not handle " + request.msgType()));
            } else {
                handler.handle(request, out);
            }
        } catch (Exception | LinkageError e) {
            KernelLog.warn("failed to handle " + request.msgType(), e);
            out.reply(MessageTypes.replyNameOf(request.msgType()),
                    Content.ErrorReply.of(e.getClass().getSimpleName(), String.valueOf(e.getMessage())));
        } finally {
            out.publish(new Content.Status("idle"));
        }
    }
}
