package io.jotter.server.contents;

import static io.jotter.server.contents.Contents.folder;
import static io.jotter.server.contents.Contents.get;
import static io.jotter.server.contents.Contents.notebook;
import static io.jotter.server.contents.Contents.put;
import static io.jotter.server.contents.Contents.saveNotebook;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.server.TestAuth;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Saves that must not lose work: stale versions, invalid notebooks, oversized ones, checkpoints. */
@QuarkusTest
class ContentsSavesIT {
    @TestHTTPResource("/api/contents/")
    URI contents;

    @Test
    void manyCreatingTheSameNewNotebookAtOnceGetAnswersNotErrors() throws Exception {
        String path = folder() + "/race.ipynb";
        URI uri = contents.resolve(path.replace(" ", "%20"));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", TestAuth.AUTHORIZATION)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(saveNotebook(notebook("1 + 1")))).build();
        List<CompletableFuture<HttpResponse<String>>> saves = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            saves.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> save : saves) {
            statuses.add(save.get(60, TimeUnit.SECONDS).statusCode());
        }
        assertTrue(statuses.contains(201), "one of them created it: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201 || s == 409), "no server error: " + statuses);
        get(path).statusCode(200).body("content.cells[0].source", equalTo("1 + 1"));
    }

    @Test
    void aSaveBasedOnAnOldVersionIsRefusedAndChangesNothing() {
        String path = folder() + "/shared.ipynb";
        int first = put(path, saveNotebook(notebook("v1"))).statusCode(201).extract().path("version");
        int second = put(path, versioned(notebook("v2"), first)).statusCode(200).extract().path("version");

        put(path, versioned(notebook("stale"), first)).statusCode(409)
                .body("message", containsString("has changed"))
                .body("current.version", equalTo(second)).body("current.last_modified", notNullValue())
                .body("current.path", equalTo(path)).body("current.content", nullValue());
        given().contentType(ContentType.JSON).header("If-Match", "\"" + first + "\"").body(saveNotebook(notebook("stale")))
                .when().put("/api/contents/{p}", path).then().statusCode(409).body("current.version", equalTo(second));
        get(path).statusCode(200).body("content.cells[0].source", equalTo("v2")).body("version", equalTo(second));

        given().contentType(ContentType.JSON).header("If-Match", String.valueOf(second)).body(saveNotebook(notebook("v3")))
                .when().put("/api/contents/{p}", path).then().statusCode(200);
        put(path, saveNotebook(notebook("no version: last write wins"))).statusCode(200);
        get(path).statusCode(200).body("content.cells[0].source", equalTo("no version: last write wins"));
    }

    @Test
    void anInvalidNotebookIsRefusedWithWhatIsWrongAndNothingIsStored() {
        String dir = folder();
        String noSource = notebook("x").replace(", \"source\": \"x\"", "");
        put(dir + "/broken.ipynb", saveNotebook(noSource)).statusCode(400)
                .body("message", containsString("$.cells[0]")).body("message", containsString("source"))
                .body("reason", equalTo("invalid notebook"));
        get(dir + "/broken.ipynb").statusCode(404);

        String nbformat3 = "{\"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"worksheets\": []}";
        put(dir + "/old.ipynb", saveNotebook(nbformat3)).statusCode(400).body("message", containsString("nbformat"));
        get(dir + "/old.ipynb").statusCode(404);

        put(dir + "/good.ipynb", saveNotebook(notebook("kept"))).statusCode(201);
        put(dir + "/good.ipynb", saveNotebook(noSource)).statusCode(400);
        get(dir + "/good.ipynb").statusCode(200).body("content.cells[0].source", equalTo("kept"));

        String colab = "{\"nbformat\": 4, \"nbformat_minor\": 0, \"metadata\": {}, \"cells\": [{\"cell_type\": \"markdown\","
                + " \"metadata\": {}, \"source\": [\"# no cell ids before 4.5\"]}]}";
        put(dir + "/colab.ipynb", saveNotebook(colab)).statusCode(201);
    }

    @Test
    void aBodyThatIsNotJsonOrTooLargeIsRefused() {
        String dir = folder();
        given().contentType(ContentType.JSON).body("{not json").when().put("/api/contents/{p}", dir + "/x.ipynb")
                .then().statusCode(400).body("message", containsString("not a JSON"));
        // The tests' limit is 1M (application.properties); the default is 64M.
        String big = notebook("x".repeat(1_100_000));
        put(dir + "/big.ipynb", saveNotebook(big)).statusCode(413);
        get(dir + "/big.ipynb").statusCode(404);
    }

    @Test
    void checkpointsAreTakenListedRestoredAndDeleted() {
        String path = folder() + "/homework.ipynb";
        put(path, saveNotebook(notebook("good answer"))).statusCode(201);
        String id = given().when().post("/api/contents/{p}/checkpoints", path).then().statusCode(201)
                .body("id", notNullValue()).body("last_modified", notNullValue()).extract().path("id");
        // JupyterLab takes one after every manual save: the same content gives the same checkpoint.
        given().when().post("/api/contents/{p}/checkpoints", path).then().statusCode(201).body("id", equalTo(id));

        put(path, saveNotebook(notebook("oops"))).statusCode(200);
        given().when().get("/api/contents/{p}/checkpoints", path).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(id));

        given().when().post("/api/contents/{p}/checkpoints/{id}", path, id).then().statusCode(204);
        get(path).statusCode(200).body("content.cells[0].source", equalTo("good answer"));

        given().when().delete("/api/contents/{p}/checkpoints/{id}", path, id).then().statusCode(204);
        given().when().get("/api/contents/{p}/checkpoints", path).then().statusCode(200).body("$", hasSize(0));
        given().when().post("/api/contents/{p}/checkpoints/{id}", path, id).then().statusCode(404);
        given().when().post("/api/contents/{p}/checkpoints", path + ".missing").then().statusCode(404);
    }

    private static String versioned(String notebookJson, int version) {
        return "{\"type\": \"notebook\", \"format\": \"json\", \"version\": " + version + ", \"content\": " + notebookJson + "}";
    }
}
