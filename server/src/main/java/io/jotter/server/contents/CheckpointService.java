package io.jotter.server.contents;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Jupyter checkpoints of the current user's notebooks and files, kept as revisions. Unlike Jupyter's
 * single checkpoint per file, each one is kept until deleted; restoring keeps the content it replaces.
 */
@ApplicationScoped
@Transactional
public class CheckpointService {
    private final ContentsRepository entries;
    private final RevisionStore revisions;
    private final TreeOwner tree;
    private final Clock clock;

    public CheckpointService(ContentsRepository entries, RevisionStore revisions, TreeOwner tree, Clock clock) {
        this.entries = entries;
        this.revisions = revisions;
        this.tree = tree;
        this.clock = clock;
    }

    /**
     * Takes a checkpoint of what is stored now. JupyterLab asks for one after every manual save; if the
     * newest checkpoint already holds this version, that one is returned instead of a copy.
     */
    public Checkpoint create(ContentsPath path) {
        ContentsEntry entry = fileOrNotebook(path, false);
        List<Revision> existing = revisions.checkpoints(entry);
        if (!existing.isEmpty() && existing.get(existing.size() - 1).version() == entry.version()) {
            return existing.get(existing.size() - 1).checkpoint();
        }
        return revisions.addCheckpoint(entry, now()).checkpoint();
    }

    public List<Checkpoint> list(ContentsPath path) {
        return revisions.checkpoints(fileOrNotebook(path, false)).stream().map(Revision::checkpoint).toList();
    }

    /** Puts a checkpoint's (or any revision's) content back; the content replaced becomes a revision. */
    public void restore(ContentsPath path, String id) {
        ContentsEntry entry = fileOrNotebook(path, true);
        revisions.replaceKeepingRevision(entry, revision(entry, id).stored(), now());
    }

    public void delete(ContentsPath path, String id) {
        ContentsEntry entry = fileOrNotebook(path, false);
        revisions.delete(revision(entry, id));
    }

    private ContentsEntry fileOrNotebook(ContentsPath path, boolean lock) {
        ContentsEntry entry = (lock ? entries.lock(tree.name(), path) : entries.find(tree.name(), path))
                .orElseThrow(() -> new ContentsNotFoundException("file or directory '" + path + "' does not exist"));
        if (entry.type() == ContentType.DIRECTORY) {
            throw new BadContentsRequestException(path + " is a directory: checkpoints are of notebooks and files");
        }
        return entry;
    }

    private Revision revision(ContentsEntry entry, String id) {
        return revisions.find(entry, id)
                .orElseThrow(() -> new ContentsNotFoundException("checkpoint " + id + " does not exist for " + entry.path()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
