package io.jotter.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void portsAreFreeDistinctOutsideTheEphemeralRangeAndNeverHandedOutTwice() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Set<Integer> seen = new HashSet<>();
        for (int kernel = 0; kernel < 40; kernel++) {
            List<Integer> ports = FreePorts.pick(loopback, 5);
            assertEquals(5, ports.size());
            for (int port : ports) {
                assertTrue(port < FreePorts.ephemeralLow(), port + " is in the ephemeral range, where outgoing connections take ports");
                assertTrue(seen.add(port), "port " + port + " was handed out twice");
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(loopback, port));
                }
            }
        }
    }

    @Test
    void aPortSomethingListensOnIsSkipped() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int low = FreePorts.ephemeralLow();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(loopback, low - 1));
            for (int i = 0; i < 200; i++) {
                assertTrue(!FreePorts.pick(loopback, 5).contains(low - 1), "a port in use was handed out");
            }
        }
    }
}
