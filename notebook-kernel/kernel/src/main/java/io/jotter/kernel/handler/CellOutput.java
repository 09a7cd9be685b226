package io.jotter.kernel.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.comm.CommSink;
import io.jotter.kernel.display.DisplaySink;
import io.jotter.kernel.display.MimeBundle;
import io.jotter.kernel.display.OutputDiversion;
import io.jotter.kernel.io.StreamSink;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.transport.IopubChannel;
import java.util.Map;

/**
 * A cell's output on iopub: streams and displays, parented to the execute request that is running
 * or ran last (output from a thread a cell left behind lands there, as in ipykernel), or to the Output widget that
 * captures it (see {@link OutputDiversion}). Comm messages go out with the same parent. Any thread may call.
 */
public final class CellOutput implements StreamSink, DisplaySink, CommSink {
    private final IopubChannel iopub;
    private final String session;
    private volatile Message<?> parent;
    private volatile Runnable drainStreams = () -> { };
    /** Set while captured text goes to an Output widget: its comm message must not drain the streams again. */
    private final ThreadLocal<Boolean> writingDiverted = ThreadLocal.withInitial(() -> false);

    public CellOutput(IopubChannel iopub, String session) {
        this.iopub = iopub;
        this.session = session;
    }

    /** Output from now on belongs to {@code request}. */
    void attach(Message<?> request) {
        this.parent = request;
    }

    /** The request output belongs to now, or null. */
    Message<?> attached() {
        return parent;
    }

    /** What to run before a display, so text printed before it is shown before it. */
    public void drainStreamsWith(Runnable drain) {
        this.drainStreams = drain;
    }

    @Override
    public void write(String name, String text) {
        // Flagged for send(): text an Output widget captures reaches it from within a drain.
        writingDiverted.set(true);
        try {
            target().write(name, text);
        } finally {
            writingDiverted.set(false);
        }
    }

    @Override
    public void display(MimeBundle bundle, String displayIdOrNull) {
        drainStreams.run();
        target().display(bundle, displayIdOrNull);
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        drainStreams.run();
        target().update(bundle, displayId);
    }

    @Override
    public void clearOutput(boolean wait) {
        drainStreams.run();
        target().clearOutput(wait);
    }

    @Override
    public void send(Content message, ObjectNode metadata) {
        // After what was printed before it: a widget shown after a print appears after the text. Not from within a
        // drain (text an Output widget captures), which holds a stream's lock: draining the other could deadlock.
        if (!writingDiverted.get()) {
            drainStreams.run();
        }
        Message<?> sent = parented(message);
        sent.metadata().setAll(metadata);
        iopub.publish(sent);
    }

    /** Where output goes now: the Output widget capturing it, or the cell. */
    private OutputDiversion.Target target() {
        OutputDiversion.Target diverted = OutputDiversion.current();
        return diverted != null ? diverted : toCell;
    }

    /** The cell's output on iopub. */
    private final OutputDiversion.Target toCell = new OutputDiversion.Target() {
        @Override
        public void write(String name, String text) {
            publish(new Content.Stream(name, text));
        }

        @Override
        public void display(MimeBundle bundle, String displayIdOrNull) {
            publish(new Content.DisplayData(bundle.data(), bundle.metadata(), transientOf(displayIdOrNull)));
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            publish(new Content.UpdateDisplayData(bundle.data(), bundle.metadata(), transientOf(displayId)));
        }

        @Override
        public void clearOutput(boolean wait) {
            publish(new Content.ClearOutput(wait));
        }
    };

    private void publish(Content content) {
        iopub.publish(parented(content));
    }

    private Message<?> parented(Content content) {
        Message<?> request = parent;
        return request == null ? Message.unsolicited(content, session) : request.child(content, session);
    }

    private static Map<String, String> transientOf(String displayId) {
        return displayId == null ? Map.of() : Map.of("display_id", displayId);
    }
}
