package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.MessageTypes;
import io.jotter.kernel.transport.KernelLog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Routes each request to the handler registered for its content type, between busy and idle status.
 * Registration happens before the channel loops start; dispatching runs on each loop's thread at once.
 */
public final class Dispatcher {
    private final Map<Class<? extends Content>, RequestHandler<?>> handlers = new HashMap<>();
    private final Set<Class<? extends Content>> quiet = new HashSet<>();

    public <C extends Content> Dispatcher on(Class<C> type, RequestHandler<C> handler) {
        handlers.put(type, handler);
        return this;
    }

    /**
     * As {@link #on}, for a request answered without busy and idle on iopub: Jotter's own requests that only
     * the asker cares about, whose idle would tell every client the kernel is idle while a cell runs.
     */
    public <C extends Content> Dispatcher onQuietly(Class<C> type, RequestHandler<C> handler) {
        quiet.add(type);
        return on(type, handler);
    }

    public void dispatch(Message<?> request, Responder out) {
        dispatch(request, out, true);
    }

    /**
     * As {@link #dispatch(Message, Responder)}; {@code announce} false answers without busy and idle: a request
     * answered while a cell runs, whose idle would tell its client the kernel is idle.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void dispatch(Message<?> request, Responder out, boolean announce) {
        boolean announced = announce && !quiet.contains(request.content().getClass());
        if (announced) {
            out.publish(new Content.Status("busy"));
        }
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
            if (announced) {
                out.publish(new Content.Status("idle"));
            }
        }
    }
}
