package io.jotter.server.contents;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Revisions of notebooks and files: the content each save replaces (pruned to the newest few per
 * entry) and the checkpoints users ask for (kept until deleted).
 */
@ApplicationScoped
public class RevisionStore {
    private final EntityManager entities;
    private final ContentsConfig config;

    public RevisionStore(EntityManager entities, ContentsConfig config) {
        this.entities = entities;
        this.config = config;
    }

    /**
     * Replaces a locked entry's content, first keeping what it held as an automatic revision, so no
     * save loses the content before it. Flushing runs the versioned update and raises the version.
     */
    public void replaceKeepingRevision(ContentsEntry entry, StoredContent replacement, Instant now) {
        if (entry.type() != ContentType.DIRECTORY) {
            entities.persist(new Revision(entry, Revision.Kind.AUTO, now));
        }
        entry.replace(replacement, now);
        entities.flush();
        pruneAutomatic(entry);
    }

    public Revision addCheckpoint(ContentsEntry entry, Instant now) {
        Revision checkpoint = new Revision(entry, Revision.Kind.CHECKPOINT, now);
        entities.persist(checkpoint);
        entities.flush();
        return checkpoint;
    }

    /** Oldest first, as JupyterLab expects: it restores the last one listed. */
    public List<Revision> checkpoints(ContentsEntry entry) {
        return entities.createQuery("from Revision where entryId = :entry and kind = 'checkpoint' order by id",
                        Revision.class)
                .setParameter("entry", entry.id())
                .getResultList();
    }

    /** A revision of this entry, automatic or checkpoint; ids that are not numbers find nothing. */
    public Optional<Revision> find(ContentsEntry entry, String id) {
        if (!id.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return entities.createQuery("from Revision where entryId = :entry and id = :id", Revision.class)
                .setParameter("entry", entry.id())
                .setParameter("id", Long.parseLong(id))
                .getResultStream()
                .findFirst();
    }

    public void delete(Revision revision) {
        entities.remove(revision);
    }

    private void pruneAutomatic(ContentsEntry entry) {
        entities.createNativeQuery("delete from notebook_revisions where notebook_id = :entry and kind = 'auto' "
                        + "and id not in (select id from notebook_revisions where notebook_id = :entry "
                        + "and kind = 'auto' order by id desc limit :keep)")
                .setParameter("entry", entry.id())
                .setParameter("keep", config.autoRevisions())
                .executeUpdate();
    }
}
