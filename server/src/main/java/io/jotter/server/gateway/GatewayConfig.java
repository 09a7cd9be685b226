package io.jotter.server.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of the kernel WebSocket. The rate limits are Jupyter Server's, with its defaults. */
@ConfigMapping(prefix = "jotter.gateway")
public interface GatewayConfig {
    /** A client message larger than this (bytes) closes the socket with 1009 (message too big). */
    @WithDefault("16777216")
    int maxMessageSize();

    /** Output messages per second a client is shown, averaged over {@link #rateLimitWindow()}; 0: no limit. */
    @WithDefault("1000")
    double iopubMsgRateLimit();

    /** Output bytes per second a client is shown, averaged over {@link #rateLimitWindow()}; 0: no limit. */
    @WithDefault("1000000")
    double iopubDataRateLimit();

    /** The window the output rates are averaged over. */
    @WithDefault("3s")
    Duration rateLimitWindow();

    /** How long messages for a client that went away are kept for it to reconnect and receive them. */
    @WithDefault("10m")
    Duration replayFor();

    /** At most this many bytes are kept for one client that went away; beyond, it is told what it missed. */
    @WithDefault("33554432")
    long replayMaxBytes();

    /** A client that lets this many bytes pile up unsent is disconnected (it reconnects and catches up). */
    @WithDefault("67108864")
    long maxUnsentBytes();

    /**
     * Shell requests one kernel has been sent and not answered yet, at most: a request beyond is answered at once by
     * the server with an error ({@code KernelBusy}) and a line in the client's output, instead of queueing without
     * end in front of a kernel that does not keep up (a long cell, a CPU-bound machine).
     */
    @WithDefault("1000")
    int maxWaitingRequests();
}
