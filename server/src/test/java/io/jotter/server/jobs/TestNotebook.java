package io.jotter.server.jobs;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.util.UUID;

/** A notebook for a job's test, built cell by cell and saved in a folder of its own (the database outlives tests). */
final class TestNotebook {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode notebook = JSON.createObjectNode();
    private final ArrayNode cells;

    private TestNotebook() {
        notebook.put("nbformat", 4).put("nbformat_minor", 5);
        ObjectNode metadata = notebook.putObject("metadata");
        metadata.putObject("jotter");
        metadata.putObject("kernelspec").put("name", "jotter-java").put("display_name", "Java");
        cells = notebook.putArray("cells");
    }

    static TestNotebook notebook() {
        return new TestNotebook();
    }

    TestNotebook code(String source, String... tags) {
        ObjectNode cell = cells.addObject().put("cell_type", "code").put("id", "c" + cells.size());
        ArrayNode tagList = cell.putObject("metadata").putArray("tags");
        for (String tag : tags) {
            tagList.add(tag);
        }
        cell.put("source", source).putArray("outputs");
        cell.putNull("execution_count");
        return this;
    }

    TestNotebook markdown(String source) {
        cells.addObject().put("cell_type", "markdown").put("id", "m" + cells.size()).put("source", source)
                .putObject("metadata");
        return this;
    }

    /** Saves it as {@code name} in a fresh folder; returns its path. */
    String save(String name) {
        String folder = "jobs test " + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"type\": \"directory\"}").put("/api/contents/{path}", folder)
                .then().statusCode(201);
        String path = folder + "/" + name;
        ObjectNode body = JSON.createObjectNode().put("type", "notebook").put("format", "json");
        body.set("content", notebook);
        given().contentType(ContentType.JSON).body(body.toString()).put("/api/contents/{path}", path)
                .then().statusCode(201);
        return path;
    }
}
