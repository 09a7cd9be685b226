package io.jotter.scheduler.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Picks free TCP ports for a kernel on one address. Not the OS's choice (port 0): that comes from the ephemeral range,
 * where this server's own outgoing connections (ZeroMQ to other kernels, the database) and the clients' sockets take
 * ports too, so a port released here was sometimes taken by one of them before the kernel bound it: with 20 kernels
 * starting beside 500 WebSockets, one start in twenty failed with "Address already in use". Ports come from just below
 * the ephemeral range instead, each one checked free by binding it.
 *
 * <p>A port checked free is free only until its kernel binds it, seconds later on a loaded machine, and every Jotter
 * process on the machine (two replicas, a test's servers) picks from the same range: in a lab of 300 students over
 * two replicas, one start in a few hundred failed twice running. So a port handed out is claimed machine-wide for
 * {@link #CLAIM_MILLIS}, in a claims file every process reads and rewrites under an exclusive file lock; where the
 * file cannot be used (another user's), the claims are this process's own.
 */
final class FreePorts {
    /** How long a port handed out is not handed out again: longer than a kernel is given to answer (60 s). */
    static final long CLAIM_MILLIS = TimeUnit.MINUTES.toMillis(2);
    private static final int RANGE = 12_000;
    private static final int LOWEST = 1_024;
    private static final Path CLAIMS = Path.of(System.getProperty("java.io.tmpdir"),
            "jotter-kernel-ports-" + System.getProperty("user.name"));
    /** The claims when the file cannot be used. */
    private static final Map<Integer, Long> OWN_CLAIMS = new HashMap<>();

    private FreePorts() {
    }

    static List<Integer> pick(InetAddress address, int count) throws IOException {
        int high = ephemeralLow() - 1;
        return pick(address, count, CLAIMS, Math.max(LOWEST, high - RANGE), high);
    }

    /** Ports between {@code low} and {@code high}, claimed in {@code claims}; synchronized: a JVM holds a file's lock once. */
    static synchronized List<Integer> pick(InetAddress address, int count, Path claims, int low, int high)
            throws IOException {
        long now = System.currentTimeMillis();
        FileChannel channel;
        try {
            channel = FileChannel.open(claims, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            OWN_CLAIMS.values().removeIf(at -> now - at > CLAIM_MILLIS);
            return pickFree(address, count, low, high, OWN_CLAIMS, now);
        }
        try (channel; FileLock ignored = channel.lock()) {
            Map<Integer, Long> claimed = read(channel, now);
            List<Integer> ports = pickFree(address, count, low, high, claimed, now);
            write(channel, claimed);
            return ports;
        }
    }

    private static List<Integer> pickFree(InetAddress address, int count, int low, int high, Map<Integer, Long> claimed,
                                          long now) throws IOException {
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            List<Integer> ports = new ArrayList<>(count);
            // From a random port on, once round the range: a port is found whenever one is free, however full it is.
            int size = high - low + 1;
            int start = ThreadLocalRandom.current().nextInt(size);
            for (int step = 0; step < size && ports.size() < count; step++) {
                int port = low + (start + step) % size;
                if (claimed.containsKey(port)) {
                    continue;
                }
                ServerSocket socket = bound(address, port);
                if (socket == null) {
                    continue;
                }
                claimed.put(port, now);
                held.add(socket);
                ports.add(port);
            }
            if (ports.size() < count) {
                throw new IOException("no free port for a kernel between " + low + " and " + high);
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    /** The claims still standing: one "port millis" line each. */
    private static Map<Integer, Long> read(FileChannel channel, long now) throws IOException {
        ByteBuffer content = ByteBuffer.allocate((int) channel.size());
        while (content.hasRemaining() && channel.read(content, content.position()) >= 0) {
            // reads the whole file
        }
        Map<Integer, Long> claimed = new HashMap<>();
        for (String line : new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length != 2) {
                continue;
            }
            try {
                long at = Long.parseLong(fields[1]);
                if (now - at <= CLAIM_MILLIS) {
                    claimed.put(Integer.parseInt(fields[0]), at);
                }
            } catch (NumberFormatException e) {
                // A torn line (a process killed mid-write): that claim is lost, and its port checked by binding.
            }
        }
        return claimed;
    }

    private static void write(FileChannel channel, Map<Integer, Long> claimed) throws IOException {
        StringBuilder text = new StringBuilder(claimed.size() * 20);
        claimed.forEach((port, at) -> text.append(port).append(' ').append(at).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
        channel.truncate(0);
        while (bytes.hasRemaining()) {
            channel.write(bytes, bytes.position());
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
