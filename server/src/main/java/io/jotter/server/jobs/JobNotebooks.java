package io.jotter.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.server.contents.ContentsPath;
import io.jotter.server.contents.ContentsService;
import io.jotter.server.contents.TreeOwner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Executed notebooks in their owner's tree. A job's notebook is added through the contents service (checked
 * against nbformat, directories made as needed), then written in place as cells run, as durable outputs are:
 * one cell at a time, without raising the notebook's version, so a page that has it open is not told it changed.
 */
@ApplicationScoped
public class JobNotebooks {
    private final ContentsService contents;
    private final TreeOwner tree;
    private final EntityManager entities;

    public JobNotebooks(ContentsService contents, TreeOwner tree, EntityManager entities) {
        this.contents = contents;
        this.tree = tree;
        this.entities = entities;
    }

    /** Adds the notebook at {@code path} in {@code owner}'s tree; runs on a job's thread, outside any request. */
    @ActivateRequestContext
    public void create(String owner, String path, JsonNode notebook) {
        tree.of(owner, () -> contents.addNotebook(ContentsPath.parse(path), notebook));
    }

    /**
     * Writes one cell that ran, and the job's count of cells run, in one transaction (one round trip less between
     * cells).
     */
    @Transactional
    public void writeCell(String owner, String path, int index, ObjectNode cell, ObjectNode job, String jobId,
                          int cellsDone, int cellsFailed) {
        writeCell(owner, path, index, cell, job);
        entities.createNativeQuery("update jobs set cells_done = ?2, cells_failed = ?3 where id = ?1")
                .setParameter(1, jobId).setParameter(2, cellsDone).setParameter(3, cellsFailed).executeUpdate();
    }

    /** Writes one cell and the job's description; a notebook its owner deleted or moved is not written. */
    @Transactional
    public void writeCell(String owner, String path, int index, ObjectNode cell, ObjectNode job) {
        entities.createNativeQuery("update notebooks set content = jsonb_set(jsonb_set(content, "
                        + "array['cells', cast(?1 as text)], cast(?2 as jsonb)), '{metadata,jotter,job}', cast(?3 as jsonb)) "
                        + "where owner = ?4 and path = ?5 and type = 'notebook' "
                        + "and jsonb_array_length(content -> 'cells') > ?6")
                .setParameter(1, Integer.toString(index)).setParameter(2, cell.toString())
                .setParameter(3, job.toString()).setParameter(4, owner).setParameter(5, path).setParameter(6, index)
                .executeUpdate();
    }

    /** Writes the job's description alone (its state changed). */
    @Transactional
    public void writeJob(String owner, String path, ObjectNode job) {
        entities.createNativeQuery("update notebooks set content = jsonb_set(content, '{metadata,jotter,job}', "
                        + "cast(?1 as jsonb)) where owner = ?2 and path = ?3 and type = 'notebook' "
                        + "and content -> 'metadata' -> 'jotter' is not null")
                .setParameter(1, job.toString()).setParameter(2, owner).setParameter(3, path).executeUpdate();
    }

    /** The stored executed notebook, for summaries; empty when it is gone. */
    @Transactional
    public Optional<String> read(String owner, String path) {
        List<?> rows = entities.createNativeQuery("select content::text from notebooks where owner = ?1 and path = ?2 "
                + "and type = 'notebook'").setParameter(1, owner).setParameter(2, path).getResultList();
        return rows.stream().findFirst().map(String.class::cast);
    }
}
