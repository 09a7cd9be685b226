package io.jotter.kernel.handler;

import io.jotter.kernel.display.DisplaySink;
import io.jotter.kernel.display.MimeBundle;
import io.jotter.kernel.io.StreamSink;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.transport.IopubChannel;
import java.util.Map;

/**
 * A cell's output on iopub: streams and displays, parented to the execute request that is running
 * or ran last (output from a thread a cell left behind lands there, as in ipykernel). Any thread may call.
 */
public final class CellOutput implements StreamSink, DisplaySink {
    private final IopubChannel iopub;
    private final String session;
    private volatile Message<?> parent;
    private volatile Runnable drainStreams = () -> { };

    public CellOutput(IopubChannel iopub, String session) {
        this.iopub = iopub;
        this.session = session;
    }

    /** Output from now on belongs to {@code request}. */
    void attach(Message<?> request) {
        this.parent = request;
    }

    /** What to run before a display, so text printed before it is shown before it. */
    public void drainStreamsWith(Runnable drain) {
        this.drainStreams = drain;
    }

    @Override
    public void write(String name, String text) {
        publish(new Content.Stream(name, text));
    }

    @Override
    public void display(MimeBundle bundle, String displayIdOrNull) {
        drainStreams.run();
        publish(new Content.DisplayData(bundle.data(), bundle.metadata(), transientOf(displayIdOrNull)));
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        drainStreams.run();
        publish(new Content.UpdateDisplayData(bundle.data(), bundle.metadata(), transientOf(displayId)));
    }

    @Override
    public void clearOutput(boolean wait) {
        drainStreams.run();
        publish(new Content.ClearOutput(wait));
    }

    private void publish(Content content) {
        Message<?> request = parent;
        iopub.publish(request == null ? Message.unsolicited(content, session) : request.child(content, session));
    }

    private static Map<String, String> transientOf(String displayId) {
        return displayId == null ? Map.of() : Map.of("display_id", displayId);
    }
}
