package io.jotter.server.kernels;

import io.jotter.scheduler.runtime.RuntimeHandle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** The {@code runtimes} table: written when a kernel starts, restarts and stops. */
@ApplicationScoped
public class RuntimeRecords {
    private final EntityManager entities;
    private final Clock clock;

    public RuntimeRecords(EntityManager entities, Clock clock) {
        this.entities = entities;
        this.clock = clock;
    }

    @Transactional
    public void started(String owner, String kernelName, RuntimeHandle handle) {
        RuntimeRecord record = entities.find(RuntimeRecord.class, handle.runtimeId());
        if (record == null) {
            entities.persist(new RuntimeRecord(handle.runtimeId(), owner, kernelName, handle.backendRef(),
                    handle.startedAt()));
        } else {
            record.relaunched(handle.backendRef(), handle.startedAt());
        }
    }

    @Transactional
    public void stopped(String id, String reason) {
        RuntimeRecord record = entities.find(RuntimeRecord.class, id);
        if (record != null && RuntimeRecord.RUNNING.equals(record.state())) {
            record.stopped(clock.instant(), reason);
        }
    }

    @Transactional
    public List<RuntimeRecord> running() {
        return entities.createQuery("from RuntimeRecord where state = :state", RuntimeRecord.class)
                .setParameter("state", RuntimeRecord.RUNNING).getResultList();
    }

    @Transactional
    public RuntimeRecord find(String id) {
        return entities.find(RuntimeRecord.class, id);
    }
}
