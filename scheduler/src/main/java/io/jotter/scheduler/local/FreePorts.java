package io.jotter.scheduler.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free TCP ports on one address by letting the OS choose. All sockets stay bound until every port is chosen,
 * so the ports differ; between their release and the kernel's bind another process could take one (the same race
 * jupyter_client lives with), in which case the kernel fails to start and {@code isAlive} reports it.
 */
final class FreePorts {
    private FreePorts() {
    }

    static List<Integer> pick(InetAddress address, int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            List<Integer> ports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, address);
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
