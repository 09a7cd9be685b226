package io.jotter.scheduler.runtime;

import io.jotter.kernel.protocol.ConnectionInfo;
import java.time.Instant;

/**
 * A started kernel, as its backend knows it. Plain values, so the server can persist it and a reconciler can
 * find the kernel again after a restart.
 *
 * @param runtimeId the id from the {@link RuntimeRequest}
 * @param connection where the kernel's sockets listen and the key that signs its messages
 * @param backendRef the backend's own reference, for example a process id or a pod name
 * @param startedAt when the backend launched it; metering starts here
 */
public record RuntimeHandle(String runtimeId, ConnectionInfo connection, String backendRef, Instant startedAt) {
}
