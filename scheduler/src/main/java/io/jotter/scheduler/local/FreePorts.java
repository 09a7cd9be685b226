package io.jotter.scheduler.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Picks free TCP ports for a kernel on one address. Not the OS's choice (port 0): that comes from the ephemeral range,
 * where this server's own outgoing connections (ZeroMQ to other kernels, the database) and the clients' sockets take
 * ports too, so a port released here was sometimes taken by one of them, or handed to a second kernel starting at the
 * same moment, before the kernel bound it: with 20 kernels starting beside 500 WebSockets, one start in twenty
 * failed with "Address already in use". Ports come from just below the ephemeral range instead, each one checked
 * free by binding it, and none is handed out twice within {@link #REMEMBERED_NANOS}.
 */
final class FreePorts {
    /** How long a port handed out is not handed out again: longer than any kernel takes to bind its ports. */
    private static final long REMEMBERED_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final int RANGE = 12_000;
    private static final int LOWEST = 1_024;
    private static final Map<Integer, Long> HANDED_OUT = new ConcurrentHashMap<>();

    private FreePorts() {
    }

    static List<Integer> pick(InetAddress address, int count) throws IOException {
        int high = ephemeralLow() - 1;
        int low = Math.max(LOWEST, high - RANGE);
        long now = System.nanoTime();
        HANDED_OUT.values().removeIf(at -> now - at > REMEMBERED_NANOS);
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            List<Integer> ports = new ArrayList<>(count);
            for (int tries = 0; ports.size() < count; tries++) {
                if (tries > 50 * count) {
                    throw new IOException("no free port for a kernel between " + low + " and " + high);
                }
                int port = ThreadLocalRandom.current().nextInt(low, high + 1);
                if (HANDED_OUT.putIfAbsent(port, now) != null) {
                    continue;
                }
                ServerSocket socket = bound(address, port);
                if (socket == null) {
                    continue;
                }
                held.add(socket);
                ports.add(port);
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static ServerSocket bound(InetAddress address, int port) {
        try {
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(address, port), 1);
                return socket;
            } catch (IOException e) {
                socket.close();
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** The lowest port of Linux's ephemeral range (32768 by default, and where there is no such file). */
    static int ephemeralLow() {
        try {
            // Not readString: a /proc file reports a size of 0, and only its first byte was read.
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
