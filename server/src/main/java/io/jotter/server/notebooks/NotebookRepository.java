package io.jotter.server.notebooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/** Notebooks in PostgreSQL, by owner and path. */
@ApplicationScoped
public class NotebookRepository {
    private final EntityManager entities;

    public NotebookRepository(EntityManager entities) {
        this.entities = entities;
    }

    public Optional<Notebook> find(String owner, String path) {
        return entities.createQuery("from Notebook where owner = :owner and path = :path", Notebook.class)
                .setParameter("owner", owner)
                .setParameter("path", path)
                .getResultStream()
                .findFirst();
    }

    public Notebook add(Notebook notebook) {
        entities.persist(notebook);
        return notebook;
    }
}
