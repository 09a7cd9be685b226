package io.jotter.server.runtimes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.jotter.scheduler.runtime.RuntimeRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A runtime another replica admitted, as this replica sees it when it adopts or restarts the kernel: what the
 * restarted process gets comes from the runtime's row, not from the admitting replica's memory.
 */
@QuarkusTest
class RuntimePlacementIT {
    @Inject
    Runtimes runtimes;

    @Inject
    AgroalDataSource database;

    @Test
    void aRestartHereOfARuntimeAnotherReplicaAdmittedKeepsItsTypeSandboxAndGpu() throws Exception {
        String id = UUID.randomUUID().toString();
        sql("""
                insert into runtimes (id, owner, kernel_name, backend_ref, state, started_at, runtime_type, units_per_hour,
                                      accelerated, metered_from, stop_by, replica, gpu)
                values (?, 'jotter', 'jotter-java', 'elsewhere', 'running', now(), 'cpu-highmem', 0, false, now(),
                        now() + interval '1 hour', 'another-replica', 3)""", id);
        try {
            Map<String, String> environment = runtimes.environment(id);
            assertEquals("cpu-highmem", environment.get("JOTTER_RUNTIME_TYPE"), environment.toString());
            assertEquals("cpu", environment.get("JOTTER_ACCELERATOR"));
            assertEquals("3", environment.get("CUDA_VISIBLE_DEVICES"), "the GPU it held stays its own");
            RuntimeRequest.Sandbox sandbox = runtimes.sandbox(id, "jotter");
            assertEquals(51_200L << 20, sandbox.memoryBytes(), "the type's memory, not the 2 GiB of an unknown runtime");
            assertEquals(8.0, sandbox.cpus());
        } finally {
            runtimes.stopped(id, "test over");
        }
        assertEquals(Map.of(), runtimes.environment(id), "a stopped runtime has no placement");
    }

    private void sql(String statement, String id) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement prepared = connection.prepareStatement(statement)) {
            prepared.setString(1, id);
            prepared.executeUpdate();
        }
    }
}
