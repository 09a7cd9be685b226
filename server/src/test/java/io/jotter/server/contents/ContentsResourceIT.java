package io.jotter.server.contents;

import static io.jotter.server.contents.Contents.folder;
import static io.jotter.server.contents.Contents.get;
import static io.jotter.server.contents.Contents.notebook;
import static io.jotter.server.contents.Contents.put;
import static io.jotter.server.contents.Contents.saveNotebook;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The tree as a JupyterLab user sees it: new notebooks, saves, listings, renames, copies, uploads, deletes. */
@QuarkusTest
class ContentsResourceIT {
    @Inject
    ObjectMapper json;

    @Test
    void createsUntitledNotebooksFilesAndFoldersWithJupytersNames() {
        String dir = folder();
        for (String expected : new String[] {"Untitled.ipynb", "Untitled1.ipynb"}) {
            given().contentType(ContentType.JSON).body("{\"type\": \"notebook\"}")
                    .when().post("/api/contents/{dir}", dir)
                    .then().statusCode(201)
                    .body("name", equalTo(expected)).body("path", equalTo(dir + "/" + expected))
                    .body("type", equalTo("notebook")).body("content", nullValue()).body("version", notNullValue());
        }
        given().contentType(ContentType.JSON).body("{\"type\": \"directory\"}").when().post("/api/contents/{dir}", dir)
                .then().statusCode(201).body("name", equalTo("Untitled Folder"));
        given().contentType(ContentType.JSON).body("{\"type\": \"directory\"}").when().post("/api/contents/{dir}", dir)
                .then().statusCode(201).body("name", equalTo("Untitled Folder 1"));
        given().contentType(ContentType.JSON).body("{\"type\": \"file\", \"ext\": \".txt\"}").when().post("/api/contents/{dir}", dir)
                .then().statusCode(201).body("name", equalTo("untitled.txt")).body("mimetype", equalTo("text/plain"));

        get(dir + "/Untitled.ipynb").statusCode(200).body("format", equalTo("json"))
                .body("content.nbformat", equalTo(4)).body("content.cells", empty());
    }

    @Test
    void savesANotebookAndReadsTheSameContentBack() throws Exception {
        String path = folder() + "/week 1.ipynb";
        String notebook = notebook("int x = 1;");
        put(path, saveNotebook(notebook)).statusCode(201)
                .body("name", equalTo("week 1.ipynb")).body("type", equalTo("notebook")).body("content", nullValue())
                .body("last_modified", notNullValue()).body("created", notNullValue());
        put(path, saveNotebook(notebook("int x = 2;"))).statusCode(200);

        String body = get(path).statusCode(200).body("format", equalTo("json")).body("mimetype", nullValue())
                .extract().asString();
        assertEquals(json.readTree(notebook("int x = 2;")), json.readTree(body).get("content"));
        given().queryParam("content", 0).when().get("/api/contents/{path}", path)
                .then().statusCode(200).body("content", nullValue()).body("format", nullValue());
        given().queryParam("type", "file").queryParam("format", "text").when().get("/api/contents/{path}", path)
                .then().statusCode(200).body("type", equalTo("file")).body("content", containsString("int x = 2;"));
    }

    @Test
    void listsADirectoryWithoutItsChildrensContent() {
        String dir = folder();
        put(dir + "/a.ipynb", saveNotebook(notebook("a"))).statusCode(201);
        put(dir + "/notes.txt", "{\"type\": \"file\", \"format\": \"text\", \"content\": \"hello\"}").statusCode(201);
        put(dir + "/empty", "{\"type\": \"directory\"}").statusCode(201);
        put(dir + "/empty/deeper.txt", "{\"type\": \"file\", \"format\": \"text\", \"content\": \"\"}").statusCode(201);

        get(dir).statusCode(200).body("type", equalTo("directory")).body("format", equalTo("json"))
                .body("content.name", containsInAnyOrder("a.ipynb", "notes.txt", "empty"))
                .body("content.content", everyItem(nullValue()))
                .body("content.find { it.name == 'notes.txt' }.size", equalTo(5))
                .body("content.find { it.name == 'empty' }.type", equalTo("directory"));
        given().when().get("/api/contents").then().statusCode(200).body("path", equalTo(""))
                .body("content.name", hasItem(dir));
        given().queryParam("type", "file").when().get("/api/contents/{dir}", dir).then().statusCode(400);
    }

    @Test
    void renamesAndMovesWithEverythingUnderADirectory() {
        String dir = folder();
        put(dir + "/old.ipynb", saveNotebook(notebook("x"))).statusCode(201);
        put(dir + "/sub", "{\"type\": \"directory\"}").statusCode(201);
        put(dir + "/sub/inner.txt", "{\"type\": \"file\", \"format\": \"text\", \"content\": \"in\"}").statusCode(201);

        patch(dir + "/old.ipynb", dir + "/new name.ipynb").statusCode(200)
                .body("name", equalTo("new name.ipynb")).body("path", equalTo(dir + "/new name.ipynb"));
        get(dir + "/old.ipynb").statusCode(404);
        get(dir + "/new name.ipynb").statusCode(200).body("content.cells[0].source", equalTo("x"));

        patch(dir + "/sub", dir + "/moved").statusCode(200);
        get(dir + "/moved/inner.txt").statusCode(200).body("content", equalTo("in"));
        get(dir + "/sub/inner.txt").statusCode(404);

        put(dir + "/other.ipynb", saveNotebook(notebook("y"))).statusCode(201);
        patch(dir + "/other.ipynb", dir + "/new name.ipynb").statusCode(409).body("message", containsString("already exists"));
        patch(dir + "/missing.ipynb", dir + "/x.ipynb").statusCode(404);
        patch(dir + "/other.ipynb", dir + "/no such dir/x.ipynb").statusCode(404);
    }

    @Test
    void copiesAsJupyterNamesCopies() {
        String dir = folder();
        put(dir + "/b.ipynb", saveNotebook(notebook("b"))).statusCode(201);
        copy(dir + "/b.ipynb", dir).statusCode(201).body("name", equalTo("b-Copy1.ipynb"));
        copy(dir + "/b.ipynb", dir).statusCode(201).body("name", equalTo("b-Copy2.ipynb"));
        copy(dir + "/b-Copy1.ipynb", dir).statusCode(201).body("name", equalTo("b-Copy3.ipynb"));
        put(dir + "/sub", "{\"type\": \"directory\"}").statusCode(201);
        copy(dir + "/b.ipynb", dir + "/sub").statusCode(201).body("path", equalTo(dir + "/sub/b.ipynb"));
        get(dir + "/sub/b.ipynb").statusCode(200).body("content.cells[0].source", equalTo("b"));
        copy(dir + "/sub", dir).statusCode(400);
        copy(dir + "/nothing.ipynb", dir).statusCode(404);
    }

    @Test
    void deletesFilesAndEmptyDirectoriesOnly() {
        String dir = folder();
        put(dir + "/gone.ipynb", saveNotebook(notebook("g"))).statusCode(201);
        given().when().delete("/api/contents/{p}", dir + "/gone.ipynb").then().statusCode(204);
        get(dir + "/gone.ipynb").statusCode(404);
        given().when().delete("/api/contents/{p}", dir + "/gone.ipynb").then().statusCode(404);

        put(dir + "/keep.txt", "{\"type\": \"file\", \"format\": \"text\", \"content\": \"k\"}").statusCode(201);
        given().when().delete("/api/contents/{p}", dir).then().statusCode(400).body("message", containsString("not empty"));
        given().when().delete("/api/contents/{p}", dir + "/keep.txt").then().statusCode(204);
        given().when().delete("/api/contents/{p}", dir).then().statusCode(204);
        get(dir).statusCode(404);
    }

    @Test
    void uploadsTextAndBinaryFiles() {
        String dir = folder();
        put(dir + "/readme.md", "{\"type\": \"file\", \"format\": \"text\", \"content\": \"# Hello ☃\"}").statusCode(201)
                .body("type", equalTo("file"));
        get(dir + "/readme.md").statusCode(200).body("format", equalTo("text")).body("content", equalTo("# Hello ☃"));

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe};
        String base64 = Base64.getEncoder().encodeToString(png);
        put(dir + "/pixel.png", "{\"type\": \"file\", \"format\": \"base64\", \"content\": \"" + base64 + "\"}").statusCode(201);
        get(dir + "/pixel.png").statusCode(200).body("format", equalTo("base64")).body("content", equalTo(base64))
                .body("mimetype", equalTo("image/png")).body("size", equalTo(png.length));
        given().queryParam("format", "text").when().get("/api/contents/{p}", dir + "/pixel.png").then().statusCode(400);
        given().queryParam("hash", 1).when().get("/api/contents/{p}", dir + "/pixel.png").then().statusCode(200)
                .body("hash_algorithm", equalTo("sha256")).body("hash.length()", equalTo(64));
    }

    @Test
    void refusesPathsOutsideTheTreeAndSavesIntoMissingDirectories() {
        // The HTTP server resolves dot segments in the URL itself; with encoded slashes they reach the API.
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(saveNotebook(notebook("x")))
                .when().put("/api/contents/..%2Fx.ipynb").then().statusCode(400)
                .body("message", containsString("leaves the root"));
        String dir = folder();
        put(dir + "/x.ipynb", saveNotebook(notebook("x"))).statusCode(201);
        patch(dir + "/x.ipynb", "../x.ipynb").statusCode(400);
        patch(dir + "/x.ipynb", dir + "/../../x.ipynb").statusCode(400);
        put(dir + "/no such dir/x.ipynb", saveNotebook(notebook("x"))).statusCode(404)
                .body("message", containsString("No such directory"));
        get("nowhere-" + System.nanoTime()).statusCode(404).body("reason", equalTo("Not Found"));
    }

    private static io.restassured.response.ValidatableResponse patch(String from, String to) {
        return given().contentType(ContentType.JSON).body("{\"path\": \"" + to + "\"}")
                .when().patch("/api/contents/{p}", from).then();
    }

    private static io.restassured.response.ValidatableResponse copy(String from, String toDir) {
        return given().contentType(ContentType.JSON).body("{\"copy_from\": \"" + from + "\"}")
                .when().post("/api/contents/{p}", toDir).then();
    }
}
