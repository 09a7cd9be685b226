package io.jotter.kernel.transport;

import io.jotter.kernel.protocol.Frames;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * Publishes on iopub, and keeps what answers a request in the {@link IopubHistory} for replay. Many threads
 * publish (requests, output drains, cells' display calls): one at a time.
 */
public final class IopubChannel {
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final String topicPrefix;
    private final IopubHistory history;

    public IopubChannel(ZMQ.Socket socket, WireCodec codec, String kernelId, IopubHistory history) {
        this.socket = socket;
        this.codec = codec;
        this.topicPrefix = "kernel." + kernelId + ".";
        this.history = history;
    }

    public void publish(Message<?> message) {
        byte[] topic = (topicPrefix + message.msgType()).getBytes(StandardCharsets.UTF_8);
        List<byte[]> frames = codec.encode(message.withIdentities(List.of(topic)));
        byte[] kept = IopubHistory.jsonOf(message);
        synchronized (this) {
            Frames.send(socket, frames);
            if (kept != null) {
                history.add(message.parentHeader().msgId(), kept);
            }
        }
    }
}
