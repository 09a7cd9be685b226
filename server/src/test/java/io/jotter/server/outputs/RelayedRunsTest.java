package io.jotter.server.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Header;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a replica keeps of the runs it relays, for the day it adopts their kernel. */
class RelayedRunsTest {
    @Test
    void aRelayedRunIsKeptWholeAndGivenOnce() {
        RelayedRuns runs = new RelayedRuns();
        runs.relayed("run-1");
        Message<?> out = stream("run-1", "hello\n");
        Message<?> idle = idle("run-1");
        runs.received("run-1", out, false);
        runs.received("run-2", stream("run-2", "not a cell's run\n"), false);
        runs.received("run-1", idle, false);
        assertEquals(new RelayedRuns.Relayed(true, List.of(out, idle)), runs.take("run-1").orElseThrow());
        assertTrue(runs.take("run-1").isEmpty(), "given once");
        assertTrue(runs.take("run-2").isEmpty(), "a message of no run relayed, here or by another replica, is not kept");
    }

    /** The lab found it: a replica died in the middle of a cell, and the rest of the run reached only this one. */
    @Test
    void aRunAnotherReplicaRelayedIsKeptFromItsFirstMessageHeardHere() {
        RelayedRuns runs = new RelayedRuns();
        Message<?> answer = stream("theirs", "42\n");
        Message<?> idle = idle("theirs");
        runs.received("theirs", answer, true);
        runs.received("theirs", idle, true);
        assertEquals(new RelayedRuns.Relayed(false, List.of(answer, idle)), runs.take("theirs").orElseThrow(),
                "heard from the middle: not the whole run");
    }

    @Test
    void aRunTooLongToKeepWholeIsNotKeptAtAll() {
        RelayedRuns runs = new RelayedRuns();
        runs.relayed("long");
        for (int i = 0; i <= RelayedRuns.MESSAGES_PER_RUN; i++) {
            runs.received("long", stream("long", "line " + i + "\n"), false);
        }
        assertTrue(runs.take("long").isEmpty(), "an incomplete record would lose output silently");
        for (int i = 0; i <= RelayedRuns.MESSAGES_PER_RUN; i++) {
            runs.received("theirs", stream("theirs", "line " + i + "\n"), true);
        }
        runs.received("theirs", stream("theirs", "the end\n"), true);
        assertTrue(runs.take("theirs").isEmpty(), "a long run heard from the middle is not begun again later");
    }

    @Test
    void onlyTheNewestRunsAreKept() {
        RelayedRuns runs = new RelayedRuns();
        for (int i = 0; i <= RelayedRuns.RUNS; i++) {
            runs.relayed("run-" + i);
        }
        assertTrue(runs.take("run-0").isEmpty());
        assertEquals(List.of(), runs.take("run-" + RelayedRuns.RUNS).orElseThrow().messages());
    }

    private static Message<?> stream(String parent, String text) {
        return new Message<>(List.of(), Header.create("stream", "kernel", "kernel"), parentHeader(parent),
                Json.MAPPER.createObjectNode(), new Content.Stream("stdout", text), List.of());
    }

    private static Message<?> idle(String parent) {
        return new Message<>(List.of(), Header.create("status", "kernel", "kernel"), parentHeader(parent),
                Json.MAPPER.createObjectNode(), new Content.Status("idle"), List.of());
    }

    private static Header parentHeader(String msgId) {
        return new Header(msgId, "client", "student", "2026-12-07T10:00:00Z", "execute_request", "5.3");
    }
}
