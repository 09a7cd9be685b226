package io.jotter.kernel.protocol;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A kernel's connection file: where its five sockets listen and how messages are signed.
 *
 * @see <a href="https://jupyter-client.readthedocs.io/en/latest/kernels.html#connection-files">Connection files</a>
 */
public record ConnectionInfo(
        String transport,
        String ip,
        int shellPort,
        int iopubPort,
        int stdinPort,
        int controlPort,
        int hbPort,
        String key,
        String signatureScheme,
        String kernelName) {

    public static ConnectionInfo read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), ConnectionInfo.class);
    }

    public void write(Path file) throws IOException {
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    }

    /** The ZeroMQ endpoint of one channel, for example {@code tcp://127.0.0.1:5555}. */
    public String endpoint(Channel channel) {
        int port = switch (channel) {
            case SHELL -> shellPort;
            case IOPUB -> iopubPort;
            case STDIN -> stdinPort;
            case CONTROL -> controlPort;
            case HEARTBEAT -> hbPort;
        };
        String separator = "ipc".equals(transport) ? "-" : ":";
        return transport + "://" + ip + separator + port;
    }

    /** Signing for this connection; an empty key means messages are not signed. */
    public MessageSigner signer() {
        if (signatureScheme != null && !signatureScheme.isEmpty() && !"hmac-sha256".equals(signatureScheme)) {
            throw new IllegalArgumentException("unsupported signature_scheme " + signatureScheme + " (only hmac-sha256)");
        }
        return new MessageSigner(key == null ? "" : key);
    }
}
