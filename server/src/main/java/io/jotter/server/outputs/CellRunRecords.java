package io.jotter.server.outputs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cell_runs}: the cell each execute_request in flight runs, by its msg_id. Written by the replica that relays
 * the request, read by the one that records the kernel's outputs (the same one on a single server) and by a replica
 * that adopts the kernel; a run's row goes when the run ends.
 */
@ApplicationScoped
public class CellRunRecords {
    private final EntityManager entities;

    public CellRunRecords(EntityManager entities) {
        this.entities = entities;
    }

    @Transactional
    public void requested(String msgId, String runtimeId, NotebookCell cell) {
        entities.createNativeQuery("""
                insert into cell_runs (msg_id, runtime_id, owner, path, cell_id) values (?1, ?2, ?3, ?4, ?5)
                on conflict (msg_id) do nothing
                """).setParameter(1, msgId).setParameter(2, runtimeId).setParameter(3, cell.owner())
                .setParameter(4, cell.path()).setParameter(5, cell.cellId()).executeUpdate();
    }

    @Transactional
    public Optional<NotebookCell> find(String msgId) {
        return cells("msg_id = ?1", msgId).values().stream().findFirst();
    }

    /** The runs of a kernel not known to have ended, oldest first, by request msg_id. */
    @Transactional
    public Map<String, NotebookCell> inFlight(String runtimeId) {
        return cells("runtime_id = ?1", runtimeId);
    }

    @Transactional
    public void finished(String msgId) {
        entities.createNativeQuery("delete from cell_runs where msg_id = ?1").setParameter(1, msgId).executeUpdate();
    }

    @Transactional
    public void kernelStopped(String runtimeId) {
        entities.createNativeQuery("delete from cell_runs where runtime_id = ?1").setParameter(1, runtimeId)
                .executeUpdate();
    }

    private Map<String, NotebookCell> cells(String condition, String parameter) {
        List<?> rows = entities.createNativeQuery("select msg_id, owner, path, cell_id from cell_runs where " + condition
                + " order by created_at").setParameter(1, parameter).getResultList();
        Map<String, NotebookCell> cells = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            cells.put((String) r[0], new NotebookCell((String) r[1], (String) r[2], (String) r[3]));
        }
        return cells;
    }
}
