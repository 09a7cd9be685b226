package io.jotter.server.contents;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Entries of users' trees in PostgreSQL, by owner and path. Moves and deletes of whole subtrees are one statement each. */
@ApplicationScoped
public class ContentsRepository {
    private final EntityManager entities;

    public ContentsRepository(EntityManager entities) {
        this.entities = entities;
    }

    public Optional<ContentsEntry> find(String owner, ContentsPath path) {
        return query(owner, path).getResultStream().findFirst();
    }

    /** The entry, its row locked until the transaction ends: saves to one path take turns. */
    public Optional<ContentsEntry> lock(String owner, ContentsPath path) {
        return query(owner, path).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    public boolean exists(String owner, ContentsPath path) {
        return path.isRoot() || count("path = :path", owner, path.value()) > 0;
    }

    public boolean isDirectory(String owner, ContentsPath path) {
        return path.isRoot() || count("path = :path and e.type = 'directory'", owner, path.value()) > 0;
    }

    public boolean hasChildren(String owner, ContentsPath directory) {
        return count("parent = :path", owner, directory.value()) > 0;
    }

    public List<EntrySummary> children(String owner, ContentsPath directory) {
        return entities.createQuery("select new io.jotter.server.contents.EntrySummary(e.path, e.type, e.createdAt, "
                        + "e.updatedAt, e.size, e.version) from ContentsEntry e where e.owner = :owner "
                        + "and e.parent = :parent order by e.path", EntrySummary.class)
                .setParameter("owner", owner)
                .setParameter("parent", directory.value())
                .getResultList();
    }

    /** Stores a new entry now, so its id and computed columns are known (and a taken path fails here). */
    public ContentsEntry add(ContentsEntry entry) {
        entities.persist(entry);
        entities.flush();
        return entry;
    }

    /** Writes pending changes (a save's {@code update ... where version = ?}) and reads back computed columns. */
    public void flush() {
        entities.flush();
    }

    /** Renames {@code from} and, for a directory, everything under it. */
    public void moveTree(String owner, ContentsPath from, ContentsPath to) {
        entities.flush();
        entities.createNativeQuery("update notebooks set path = :to || substr(path, length(:from) + 1) "
                        + "where owner = :owner and (path = :from or left(path, length(:from) + 1) = :from || '/')")
                .setParameter("owner", owner)
                .setParameter("from", from.value())
                .setParameter("to", to.value())
                .executeUpdate();
        entities.clear();
    }

    /** Deletes {@code path} and, for a directory, everything under it; revisions go with them. */
    public void deleteTree(String owner, ContentsPath path) {
        entities.flush();
        entities.createNativeQuery("delete from notebooks "
                        + "where owner = :owner and (path = :path or left(path, length(:path) + 1) = :path || '/')")
                .setParameter("owner", owner)
                .setParameter("path", path.value())
                .executeUpdate();
        entities.clear();
    }

    private jakarta.persistence.TypedQuery<ContentsEntry> query(String owner, ContentsPath path) {
        return entities.createQuery("from ContentsEntry where owner = :owner and path = :path", ContentsEntry.class)
                .setParameter("owner", owner)
                .setParameter("path", path.value());
    }

    private long count(String condition, String owner, String path) {
        return entities.createQuery("select count(e) from ContentsEntry e where e.owner = :owner and e." + condition,
                        Long.class)
                .setParameter("owner", owner)
                .setParameter("path", path)
                .getSingleResult();
    }
}
