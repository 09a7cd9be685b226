package io.jotter.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The client against ROUTER and PUB sockets playing the kernel; the real kernels are in the scheduler's ITs. */
@Timeout(20)
class KernelClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void requestGoesOutSignedAndItsReplyComesBackOnTheSameIdentity() throws Exception {
        ConnectionInfo info = connection("secret");
        try (ZContext kernel = new ZContext(); KernelClient client = new KernelClient(info, "alice")) {
            ZMQ.Socket shell = bind(kernel, SocketType.ROUTER, info, Channel.SHELL);
            ZMQ.Socket stdin = bind(kernel, SocketType.ROUTER, info, Channel.STDIN);
            WireCodec codec = new WireCodec(info.signer());

            Message<Content.KernelInfoRequest> sent = client.request(Channel.SHELL, new Content.KernelInfoRequest());
            shell.setReceiveTimeOut((int) WAIT.toMillis());
            Message<?> received = codec.decode(Frames.receive(shell));
            assertEquals(sent.header().msgId(), received.header().msgId());
            assertEquals(client.session(), received.header().session());
            assertEquals("alice", received.header().username());
            assertInstanceOf(Content.KernelInfoRequest.class, received.content());

            Frames.send(shell, codec.encode(received.child(new Content.Status("idle"), "kernel")));
            Message<?> reply = client.receive(Channel.SHELL, WAIT);
            assertNotNull(reply);
            assertEquals(sent.header().msgId(), reply.parentHeader().msgId());

            // stdin carries the shell's identity, so the kernel can address an input_request to this client.
            client.request(Channel.STDIN, new Content.InputReply("x"));
            stdin.setReceiveTimeOut((int) WAIT.toMillis());
            assertArrayEquals(received.identities().get(0), codec.decode(Frames.receive(stdin)).identities().get(0));
        }
    }

    @Test
    void dropsForgedMessagesAndTimesOutWithNull() throws Exception {
        ConnectionInfo info = connection("secret");
        try (ZContext kernel = new ZContext(); KernelClient client = new KernelClient(info, "alice")) {
            ZMQ.Socket iopub = bind(kernel, SocketType.PUB, info, Channel.IOPUB);
            WireCodec forger = new WireCodec(new MessageSigner("not the key"));
            WireCodec codec = new WireCodec(info.signer());
            Message<?> forged = Message.unsolicited(new Content.Status("busy"), "kernel");
            Message<?> genuine = Message.unsolicited(new Content.Status("idle"), "kernel");
            Message<?> got = null;
            // A SUB socket drops what is published before its subscription arrives: publish until one lands.
            for (int i = 0; i < 50 && got == null; i++) {
                Frames.send(iopub, forger.encode(forged));
                Frames.send(iopub, codec.encode(genuine));
                got = client.receive(Channel.IOPUB, Duration.ofMillis(100));
            }
            assertNotNull(got);
            assertEquals(new Content.Status("idle"), got.content());
            assertNull(client.receive(Channel.SHELL, Duration.ofMillis(50)));
        }
    }

    @Test
    void heartbeatAnswersWhileEchoedAndFailsWithoutThenRecovers() throws Exception {
        ConnectionInfo info = connection("");
        try (KernelClient client = new KernelClient(info, "alice")) {
            assertFalse(client.heartbeat(Duration.ofMillis(200)));
            try (ZContext kernel = new ZContext()) {
                ZMQ.Socket hb = bind(kernel, SocketType.REP, info, Channel.HEARTBEAT);
                Thread echo = new Thread(() -> {
                    byte[] ping = hb.recv(0);
                    if (ping != null) {
                        hb.send(ping, 0);
                    }
                });
                echo.start();
                assertTrue(client.heartbeat(WAIT));
                echo.join();
            }
        }
    }

    static ZMQ.Socket bind(ZContext context, SocketType type, ConnectionInfo info, Channel channel) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        socket.bind(info.endpoint(channel));
        return socket;
    }

    static ConnectionInfo connection(String key) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                held.add(new ServerSocket(0));
            }
            return new ConnectionInfo("tcp", "127.0.0.1", held.get(0).getLocalPort(), held.get(1).getLocalPort(),
                    held.get(2).getLocalPort(), held.get(3).getLocalPort(), held.get(4).getLocalPort(), key,
                    "hmac-sha256", "fake");
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
