package io.jotter.server.contents;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Test data and calls for the contents API: each test works in a folder of its own, since the database outlives tests. */
final class Contents {
    private Contents() {
    }

    /** A fresh, empty top-level folder with a unique name (with a space in it, as users name things). */
    static String folder() {
        String name = "test " + UUID.randomUUID();
        put(name, "{\"type\": \"directory\"}").statusCode(201);
        return name;
    }

    /** A valid nbformat 4.5 notebook with one code cell holding {@code source}. */
    static String notebook(String source) {
        return "{\"cells\": [{\"cell_type\": \"code\", \"id\": \"c1\", \"metadata\": {}, \"execution_count\": null,"
                + " \"outputs\": [], \"source\": \"" + source + "\"}],"
                + " \"metadata\": {\"kernelspec\": {\"name\": \"jotter-java\", \"display_name\": \"Java\"}},"
                + " \"nbformat\": 4, \"nbformat_minor\": 5}";
    }

    /** The body JupyterLab sends to save a notebook. */
    static String saveNotebook(String notebookJson) {
        return "{\"type\": \"notebook\", \"format\": \"json\", \"content\": " + notebookJson + "}";
    }

    static ValidatableResponse put(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().put("/api/contents/{path}", path).then();
    }

    static ValidatableResponse get(String path) {
        return given().when().get("/api/contents/{path}", path).then();
    }
}
