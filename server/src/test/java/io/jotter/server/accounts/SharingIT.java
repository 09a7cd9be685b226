package io.jotter.server.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jotter.server.TestAuth;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sharing, with real tokens: student1 owns, student2 and instructor1 are shared with or not. What a
 * role allows is allowed, the rest is refused with a reason; a share nobody gave you is 404.
 */
@QuarkusTest
@TestProfile(AccountsProfile.class)
@TestAuth.SendsNoToken
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingIT {
    @TestHTTPResource("/")
    URI base;

    private String owner;
    private String other;
    private String third;

    @BeforeAll
    void signIn() {
        owner = Keycloak.token("student1");
        other = Keycloak.token("student2");
        third = Keycloak.token("instructor1");
        // Sharing names people who have signed in once.
        as(other).get("/api/me").then().statusCode(200);
        as(third).get("/api/me").then().statusCode(200);
    }

    private RequestSpecification as(String token) {
        return given().baseUri("http://" + base.getHost()).port(base.getPort()).auth().oauth2(token)
                .contentType("application/json");
    }

    private String newNotebook(String source) {
        String path = "share-" + UUID.randomUUID() + ".ipynb";
        as(owner).body(Map.of("type", "notebook", "content", Map.of("nbformat", 4, "nbformat_minor", 5,
                "metadata", Map.of(), "cells", List.of(Map.of("cell_type", "code", "id", "c1", "source", source,
                        "metadata", Map.of(), "outputs", List.of(), "execution_count", 1)))))
                .put("/api/contents/" + path).then().statusCode(201);
        return path;
    }

    private long share(String path, String user, String role) {
        return as(owner).body(Map.of("path", path, "user", user, "role", role)).post("/api/jotter/shares")
                .then().statusCode(201).body("user", equalTo(user)).body("role", equalTo(role))
                .extract().jsonPath().getLong("id");
    }

    @Test
    void aViewerReadsAndCopiesButCannotSaveOrComment() {
        String path = newNotebook("int x = 1;");
        long id = share(path, "student2", "viewer");
        as(other).get("/api/jotter/shared").then().statusCode(200).body("id", hasItem((int) id));
        as(other).get("/api/jotter/shared/" + id).then().statusCode(200)
                .body("owner", equalTo("student1")).body("role", equalTo("viewer"))
                .body("notebook.content.cells[0].source", equalTo("int x = 1;"));
        as(other).body(Map.of("type", "notebook", "content", Map.of()))
                .put("/api/jotter/shared/" + id).then().statusCode(403)
                .body("message", containsString("Save a copy"));
        as(other).body(Map.of("cell_id", "c1", "body", "nice")).post("/api/jotter/shared/" + id + "/comments")
                .then().statusCode(403);
        as(other).get("/api/jotter/shared/" + id + "/checkpoints").then().statusCode(403);
        String copy = as(other).post("/api/jotter/shared/" + id + "/copy").then().statusCode(201)
                .extract().path("path");
        as(other).get("/api/contents/" + copy).then().statusCode(200)
                .body("content.cells[0].source", equalTo("int x = 1;"));
        // The copy is the viewer's own: changing it leaves the owner's notebook as it was.
        as(other).delete("/api/contents/" + copy).then().statusCode(204);
        as(owner).get("/api/contents/" + path).then().statusCode(200);
    }

    @Test
    void anEditorSavesWithVersionsAndRestoresRevisions() {
        String path = newNotebook("int y = 1;");
        long id = share(path, "student2", "editor");
        Response opened = as(other).get("/api/jotter/shared/" + id);
        long version = opened.jsonPath().getLong("notebook.version");
        Map<String, Object> changed = Map.of("type", "notebook", "version", version, "content", Map.of("nbformat", 4,
                "nbformat_minor", 5, "metadata", Map.of(), "cells", List.of(Map.of("cell_type", "code", "id", "c1",
                        "source", "int y = 2;", "metadata", Map.of(), "outputs", List.of(), "execution_count", 1))));
        as(other).body(changed).put("/api/jotter/shared/" + id).then().statusCode(200);
        as(owner).get("/api/contents/" + path).then().body("content.cells[0].source", equalTo("int y = 2;"));
        // The same version again is stale now: 409, nothing overwritten.
        as(other).body(changed).put("/api/jotter/shared/" + id).then().statusCode(409);
        // The owner's checkpoint, restored by the editor.
        String checkpoint = as(owner).post("/api/contents/" + path + "/checkpoints").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> third = Map.of("type", "notebook", "content", Map.of("nbformat", 4, "nbformat_minor", 5,
                "metadata", Map.of(), "cells", List.of()));
        as(owner).body(third).put("/api/contents/" + path).then().statusCode(200);
        as(other).get("/api/jotter/shared/" + id + "/checkpoints").then().statusCode(200).body("id", hasItem(checkpoint));
        as(other).post("/api/jotter/shared/" + id + "/checkpoints/" + checkpoint).then().statusCode(204);
        as(owner).get("/api/contents/" + path).then().body("content.cells[0].source", equalTo("int y = 2;"));
    }

    @Test
    void commentersAndTheOwnerCommentOnCells() {
        String path = newNotebook("int z = 1;");
        long id = share(path, "student2", "commenter");
        as(other).body(Map.of("cell_id", "c1", "body", "Why 1?")).post("/api/jotter/shared/" + id + "/comments")
                .then().statusCode(201);
        as(owner).body(Map.of("cell_id", "c1", "body", "Because.")).post("/api/jotter/comments/" + path)
                .then().statusCode(201);
        as(other).get("/api/jotter/shared/" + id + "/comments").then().statusCode(200)
                .body("author", equalTo(List.of("student2", "student1")))
                .body("body", equalTo(List.of("Why 1?", "Because."))).body("cell_id", equalTo(List.of("c1", "c1")));
        as(other).body(Map.of("cell_id", "c1", "body", " ")).post("/api/jotter/shared/" + id + "/comments")
                .then().statusCode(400);
        as(other).body(Map.of("type", "notebook", "content", Map.of())).put("/api/jotter/shared/" + id)
                .then().statusCode(403);
    }

    @Test
    void revokingEndsAccessAndOthersNeverHadAny() {
        String path = newNotebook("secret();");
        long id = share(path, "student2", "editor");
        for (String ref : List.of(String.valueOf(id), "999999999", "link-guess", "not-a-number")) {
            Response answer = as(third).get("/api/jotter/shared/" + ref);
            assertEquals(404, answer.statusCode(), ref);
            assertFalse(answer.asString().contains("student1"), answer.asString());
            assertFalse(answer.asString().contains("secret"), answer.asString());
        }
        as(third).get("/api/jotter/shared").then().body("id", not(hasItem((int) id)));
        // Only the owner lists or revokes its shares.
        as(other).get("/api/jotter/shares?path=" + path).then().statusCode(404);
        as(other).delete("/api/jotter/shares/" + id).then().statusCode(404);
        as(owner).get("/api/jotter/shares?path=" + path).then().statusCode(200).body("user", hasItem("student2"));
        as(owner).delete("/api/jotter/shares/" + id).then().statusCode(204);
        as(other).get("/api/jotter/shared/" + id).then().statusCode(404);
        as(other).get("/api/jotter/shared").then().body("id", not(hasItem((int) id)));
    }

    @Test
    void aLinkOpensForAnyoneSignedInWhoHasItUntilRevoked() {
        String path = newNotebook("int w = 3;");
        Response link = as(owner).body(Map.of("path", path, "link", true, "role", "viewer")).post("/api/jotter/shares");
        link.then().statusCode(201).body("link", containsString("/shared/link-"));
        String ref = link.jsonPath().getString("link").replace("/shared/", "");
        as(third).get("/api/jotter/shared/" + ref).then().statusCode(200).body("role", equalTo("viewer"));
        as(other).get("/api/jotter/shared/" + ref).then().statusCode(200);
        given().baseUri("http://" + base.getHost()).port(base.getPort()).get("/api/jotter/shared/" + ref)
                .then().statusCode(401);
        as(owner).delete("/api/jotter/shares/" + link.jsonPath().getLong("id")).then().statusCode(204);
        as(third).get("/api/jotter/shared/" + ref).then().statusCode(404);
    }

    @Test
    void aNotebookSharedWithACourseIsEveryMembersWhileTheyAreMembers() {
        String path = "course-" + UUID.randomUUID() + ".ipynb";
        as(third).body(Map.of("type", "notebook", "content", Map.of("nbformat", 4, "nbformat_minor", 5,
                "metadata", Map.of(), "cells", List.of()))).put("/api/contents/" + path).then().statusCode(201);
        Response course = as(third).body(Map.of("title", "Sharing " + UUID.randomUUID())).post("/api/jotter/courses");
        course.then().statusCode(201);
        long courseId = course.jsonPath().getLong("id");
        as(other).body(Map.of("invite_code", course.jsonPath().getString("invite_code")))
                .post("/api/jotter/courses/join").then().statusCode(200);
        long id = as(third).body(Map.of("path", path, "course", courseId, "role", "viewer")).post("/api/jotter/shares")
                .then().statusCode(201).body("course", equalTo((int) courseId)).extract().jsonPath().getLong("id");
        as(other).get("/api/jotter/shared").then().body("id", hasItem((int) id)).body("course", hasItem((int) courseId));
        as(other).get("/api/jotter/shared/" + id).then().statusCode(200).body("owner", equalTo("instructor1"));
        // Not a member: as if there were no such share; nor can a non-member share with the course.
        as(owner).get("/api/jotter/shared/" + id).then().statusCode(404);
        String mine = newNotebook("1");
        as(owner).body(Map.of("path", mine, "course", courseId, "role", "viewer")).post("/api/jotter/shares")
                .then().statusCode(404);
        // A member removed from the course loses it.
        as(third).delete("/api/jotter/courses/" + courseId + "/members/student2").then().statusCode(204);
        as(other).get("/api/jotter/shared/" + id).then().statusCode(404);
    }

    @Test
    void sharingAsksForSomethingSensible() {
        String path = newNotebook("1");
        as(owner).body(Map.of("path", path, "user", "nobody-like-this", "role", "viewer")).post("/api/jotter/shares")
                .then().statusCode(404).body("message", containsString("has signed in"));
        as(owner).body(Map.of("path", path, "user", "student2", "role", "owner")).post("/api/jotter/shares")
                .then().statusCode(400).body("message", containsString("viewer, commenter or editor"));
        as(owner).body(Map.of("path", path, "user", "student1", "role", "viewer")).post("/api/jotter/shares")
                .then().statusCode(400);
        as(owner).body(Map.of("path", "no-such.ipynb", "user", "student2", "role", "viewer")).post("/api/jotter/shares")
                .then().statusCode(404);
        // Someone else's path is not yours to share: it is looked up in your own tree.
        as(other).body(Map.of("path", path, "user", "instructor1", "role", "viewer")).post("/api/jotter/shares")
                .then().statusCode(404);
    }
}
