package io.jotter.kernel.transport;

import io.jotter.kernel.protocol.Frames;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.zeromq.ZMQ;

/** Publishes on iopub. Many threads publish (requests, output drains, cells' display calls): one at a time. */
public final class IopubChannel {
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final String topicPrefix;

    public IopubChannel(ZMQ.Socket socket, WireCodec codec, String kernelId) {
        this.socket = socket;
        this.codec = codec;
        this.topicPrefix = "kernel." + kernelId + ".";
    }

    public void publish(Message<?> message) {
        byte[] topic = (topicPrefix + message.msgType()).getBytes(StandardCharsets.UTF_8);
        List<byte[]> frames = codec.encode(message.withIdentities(List.of(topic)));
        synchronized (this) {
            Frames.send(socket, frames);
        }
    }
}
