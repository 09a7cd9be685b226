package io.jotter.server.sessions;

import io.jotter.server.kernels.KernelEvent;
import io.jotter.server.kernels.RuntimeRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The sessions of all users, in PostgreSQL ({@code notebook_sessions}), so that every server replica finds the
 * kernel a notebook runs on. A session lives no longer than its kernel: one whose runtime has stopped is not
 * listed, and is deleted when its kernel stops.
 */
@ApplicationScoped
public class SessionStore {
    private static final String LIVE = """
            select s.id, s.owner, s.path, s.name, s.type, s.kernel_id
              from notebook_sessions s join runtimes r on r.id = s.kernel_id and r.state <> 'stopped'
            """;

    private final EntityManager entities;

    public SessionStore(EntityManager entities) {
        this.entities = entities;
    }

    /** The owner's live sessions, oldest first: not everyone's, which every session's start read before. */
    @Transactional
    public List<NotebookSession> of(String owner) {
        return sessions(LIVE + " where s.owner = ?1 order by s.created_at", owner);
    }

    @Transactional
    public Optional<NotebookSession> get(String id) {
        return sessions(LIVE + " where s.id = ?1", id).stream().findFirst();
    }

    /** Adds the session, or replaces the one with its id. */
    @Transactional
    public void put(NotebookSession session) {
        entities.createNativeQuery("""
                insert into notebook_sessions (id, owner, path, name, type, kernel_id) values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (id) do update set path = excluded.path, name = excluded.name, kernel_id = excluded.kernel_id
                """)
                .setParameter(1, session.id()).setParameter(2, session.owner()).setParameter(3, session.path())
                .setParameter(4, session.name()).setParameter(5, session.type()).setParameter(6, session.kernelId())
                .executeUpdate();
    }

    /**
     * Claims the start of a kernel for {@code owner}'s notebook at {@code path}, for {@code claimer}: no other claim
     * holds, or the one that does is its dead server's (not among the replicas alive within {@code lease}) or older
     * than {@code stale}. Of servers claiming at once, one gets it.
     */
    @Transactional
    public boolean claimStart(String owner, String path, String claimer, Duration lease, Duration stale) {
        return entities.createNativeQuery("""
                insert into session_starts (owner, path, claimer, claimed_at) values (?3, ?4, ?1, now())
                on conflict (owner, path) do update set claimer = excluded.claimer, claimed_at = now()
                 where session_starts.claimed_at < now() - cast(?5 as interval)
                    or (session_starts.claimer <> ?1 and session_starts.claimer not in (""" + RuntimeRecords.LIVE_REPLICAS
                        + "))")
                .setParameter(1, claimer).setParameter(2, RuntimeRecords.lease(lease)).setParameter(3, owner)
                .setParameter(4, path).setParameter(5, RuntimeRecords.lease(stale))
                .executeUpdate() == 1;
    }

    /** The start {@link #claimStart claimed} is over (a session made, or the start failed). */
    @Transactional
    public void endStart(String owner, String path, String claimer) {
        entities.createNativeQuery("delete from session_starts where owner = ?1 and path = ?2 and claimer = ?3")
                .setParameter(1, owner).setParameter(2, path).setParameter(3, claimer).executeUpdate();
    }

    @Transactional
    public Optional<NotebookSession> remove(String id) {
        Optional<NotebookSession> session = get(id);
        entities.createNativeQuery("delete from notebook_sessions where id = ?1").setParameter(1, id).executeUpdate();
        return session;
    }

    /** The notebook a kernel serves, for writing its outputs; the first one if several share the kernel. */
    @Transactional
    public Optional<NotebookSession> forKernel(String kernelId) {
        return sessions(LIVE + " where s.kernel_id = ?1 order by s.created_at", kernelId).stream().findFirst();
    }

    @Transactional
    void onKernelEvent(@Observes KernelEvent event) {
        if (event.type() == KernelEvent.Type.STOPPED) {
            entities.createNativeQuery("delete from notebook_sessions where kernel_id = ?1")
                    .setParameter(1, event.kernel().id()).executeUpdate();
        }
    }

    private List<NotebookSession> sessions(String sql, String parameter) {
        var query = entities.createNativeQuery(sql);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        List<?> rows = query.getResultList();
        return rows.stream().map(row -> {
            Object[] r = (Object[]) row;
            return new NotebookSession((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5]);
        }).toList();
    }
}
