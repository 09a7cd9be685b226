package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import java.util.ArrayList;
import java.util.List;

/** {@code history_request}: tail, range and search over this session's inputs (outputs are not kept). */
final class HistoryHandler implements RequestHandler<Content.HistoryRequest> {
    private final History history;

    HistoryHandler(History history) {
        this.history = history;
    }

    @Override
    public void handle(Message<Content.HistoryRequest> request, Responder out) {
        Content.HistoryRequest r = request.content();
        int n = r.n() == null ? 10 : r.n();
        List<History.Entry> entries = switch (r.histAccessType() == null ? "tail" : r.histAccessType()) {
            case "range" -> history.range(r.start() == null ? 0 : r.start(), r.stop() == null ? 0 : r.stop());
            case "search" -> history.search(r.pattern() == null ? "*" : r.pattern(), n, Boolean.TRUE.equals(r.unique()));
            default -> history.tail(n);
        };
        List<List<Object>> rows = new ArrayList<>();
        boolean withOutput = Boolean.TRUE.equals(r.output());
        for (History.Entry entry : entries) {
            Object input = withOutput ? java.util.Arrays.asList(entry.input(), null) : entry.input();
            rows.add(List.of(History.SESSION, entry.line(), input));
        }
        out.reply(new Content.HistoryReply("ok", rows));
    }
}
