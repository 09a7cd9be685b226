package io.jotter.server.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL that ./jotter test starts, migrated by Flyway at boot. */
@QuarkusTest
class NotebookRepositoryIT {
    @Inject
    NotebookRepository notebooks;

    @Inject
    ObjectMapper json;

    @Test
    @Transactional
    void storesANotebookAsJsonbAndFindsItByOwnerAndPath() throws Exception {
        String owner = "student-" + UUID.randomUUID();
        String content = "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
        notebooks.add(new Notebook(owner, "homework/week1.ipynb", content, Instant.parse("2026-11-27T10:00:00Z")));

        Notebook found = notebooks.find(owner, "homework/week1.ipynb").orElseThrow();
        assertEquals(json.readTree(content), json.readTree(found.content()), "jsonb keeps the JSON, not the spacing");
        assertEquals(0, found.version());
        assertTrue(notebooks.find(owner, "other.ipynb").isEmpty());
        assertTrue(notebooks.find("someone-else", "homework/week1.ipynb").isEmpty(), "notebooks are per owner");
    }
}
