package io.jotter.kernel.protocol;

import static io.jotter.kernel.protocol.KernelClientTest.bind;
import static io.jotter.kernel.protocol.KernelClientTest.connection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Bridges to two kernels (ROUTER sockets playing them) over one shared context. */
@Timeout(20)
class KernelLinksTest {
    @Test
    void bridgesSharingAContextEachRelayTheirKernelAndClosingOneLeavesTheOther() throws Exception {
        ConnectionInfo first = connection("one");
        ConnectionInfo second = connection("two");
        BlockingQueue<String> fromFirst = new LinkedBlockingQueue<>();
        BlockingQueue<String> fromSecond = new LinkedBlockingQueue<>();
        try (ZContext kernels = new ZContext(); KernelLinks links = new KernelLinks(1)) {
            ZMQ.Socket shellOne = bind(kernels, SocketType.ROUTER, first, Channel.SHELL);
            ZMQ.Socket shellTwo = bind(kernels, SocketType.ROUTER, second, Channel.SHELL);
            KernelBridge one = links.open(first, (channel, message) -> fromFirst.add(message.parentHeader().msgId()));
            KernelBridge two = links.open(second, (channel, message) -> fromSecond.add(message.parentHeader().msgId()));
            try {
                assertEquals(ask(one, shellOne, first), fromFirst.poll(5, TimeUnit.SECONDS));
                assertEquals(ask(two, shellTwo, second), fromSecond.poll(5, TimeUnit.SECONDS));
                one.close();
                assertEquals(ask(two, shellTwo, second), fromSecond.poll(5, TimeUnit.SECONDS),
                        "the other bridge still relays after one closed");
            } finally {
                two.close();
            }
        }
    }

    /** Sends a request through the bridge, answers it as the kernel; returns its msg_id. */
    @Test
    void oneContextHoldsTheLinksOfALabsKernels() throws Exception {
        // 300 kernels on one replica: 1,800 sockets, past JeroMQ's default of 1,024 per context.
        ConnectionInfo nowhere = connection("lab");
        java.util.List<KernelBridge> bridges = new java.util.ArrayList<>();
        try (KernelLinks links = new KernelLinks(1)) {
            for (int i = 0; i < 300; i++) {
                bridges.add(links.open(nowhere, (channel, message) -> { }));
            }
            assertEquals(300, bridges.size());
            bridges.forEach(KernelBridge::close);
        }
    }

    private static String ask(KernelBridge bridge, ZMQ.Socket shell, ConnectionInfo info) throws Exception {
        WireCodec codec = new WireCodec(info.signer());
        Message<Content.KernelInfoRequest> request = Message.unsolicited(new Content.KernelInfoRequest(), "gateway");
        bridge.send(Channel.SHELL, request);
        shell.setReceiveTimeOut(5000);
        var frames = Frames.receive(shell);
        assertNotNull(frames, "the kernel got the request");
        Message<?> received = codec.decode(frames);
        Frames.send(shell, codec.encode(received.child(new Content.Status("idle"), "kernel")));
        return received.header().msgId();
    }
}
