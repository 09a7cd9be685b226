package io.jotter.server.kernels;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code runtimes}: one kernel process this server started, and how it ended. */
@Entity
@Table(name = "runtimes")
public class RuntimeRecord {
    static final String RUNNING = "running";
    static final String STOPPED = "stopped";

    @Id
    private String id;

    @Column(nullable = false)
    private String owner;

    @Column(name = "kernel_name", nullable = false)
    private String kernelName;

    @Column(name = "backend_ref", nullable = false)
    private String backendRef;

    @Column(nullable = false)
    private String state;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "stopped_at")
    private Instant stoppedAt;

    @Column(name = "stop_reason")
    private String stopReason;

    protected RuntimeRecord() {
        // for Hibernate
    }

    String id() {
        return id;
    }

    String backendRef() {
        return backendRef;
    }

    Instant startedAt() {
        return startedAt;
    }

    String state() {
        return state;
    }

    String stopReason() {
        return stopReason;
    }

    /** The admitted runtime's kernel is up; a restart keeps the id and replaces the process. */
    void launched(String newBackendRef, Instant now) {
        this.backendRef = newBackendRef;
        this.startedAt = now;
        this.state = RUNNING;
    }
}
