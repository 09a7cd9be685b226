package io.jotter.server.kernels;

import io.jotter.scheduler.runtime.RuntimeHandle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The {@code runtimes} table as the kernel registry sees it: a start or restart marks the admitted runtime's row
 * running. Stopping is metering's business ({@code io.jotter.server.runtimes.QuotaLedger#close}).
 */
@ApplicationScoped
public class RuntimeRecords {
    private final EntityManager entities;

    public RuntimeRecords(EntityManager entities) {
        this.entities = entities;
    }

    @Transactional
    public void started(String owner, String kernelName, RuntimeHandle handle) {
        RuntimeRecord record = entities.find(RuntimeRecord.class, handle.runtimeId());
        if (record == null) {
            throw new IllegalStateException("runtime " + handle.runtimeId() + " of " + owner + " (" + kernelName
                    + ") was never admitted");
        }
        record.launched(handle.backendRef(), handle.startedAt());
    }

    @Transactional
    public List<RuntimeRecord> running() {
        return entities.createQuery("from RuntimeRecord where state <> :state", RuntimeRecord.class)
                .setParameter("state", RuntimeRecord.STOPPED).getResultList();
    }

    @Transactional
    public RuntimeRecord find(String id) {
        return entities.find(RuntimeRecord.class, id);
    }
}
