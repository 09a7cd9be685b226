package io.jotter.server.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.server.TestAuth;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Accounts as an attacker meets them, against the real Keycloak: student2 (B) tries every endpoint on
 * what student1 (A) owns, with the ids A's own answers revealed, and never gets further than 404, nor
 * a word about A's things in an error body.
 */
@QuarkusTest
@TestProfile(AccountsProfile.class)
@TestAuth.SendsNoToken
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {
    private static final String NOTEBOOK = "secret-homework.ipynb";
    private static final String EMPTY_NOTEBOOK = """
            {"type": "notebook", "content": {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
             "cells": [{"cell_type": "code", "id": "c1", "source": "int answer = 42;", "metadata": {},
                        "outputs": [], "execution_count": null}]}}""";

    @TestHTTPResource("/")
    URI base;

    @Inject
    EntityManager entities;

    private String a;
    private String b;
    private String kernelId;
    private String sessionId;

    @BeforeAll
    void aOwnsANotebookAKernelAndASession() {
        a = Keycloak.token("student1");
        b = Keycloak.token("student2");
        as(a).body(EMPTY_NOTEBOOK).contentType("application/json").put("/api/contents/" + NOTEBOOK)
                .then().statusCode(201);
        Response session = as(a).contentType("application/json")
                .body(Map.of("path", NOTEBOOK, "type", "notebook", "kernel", Map.of("name", "jotter-java")))
                .post("/api/sessions");
        session.then().statusCode(201);
        sessionId = session.path("id");
        kernelId = session.path("kernel.id");
    }

    @AfterAll
    void cleanUp() {
        as(a).delete("/api/sessions/" + sessionId);
        as(a).delete("/api/contents/" + NOTEBOOK);
    }

    /** The test server: set explicitly, as RestAssured learns its port only once a test method runs. */
    private RequestSpecification anyone() {
        return given().baseUri("http://" + base.getHost()).port(base.getPort());
    }

    private RequestSpecification as(String token) {
        return anyone().auth().oauth2(token);
    }

    @Test
    void withoutATokenOnlyThePageAndHowToSignInAreOpen() {
        for (String path : List.of("/api/contents", "/api/kernels", "/api/sessions", "/api/me", "/api/status",
                "/api/kernelspecs", "/api/contents/" + NOTEBOOK)) {
            anyone().get(path).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                    .body("message", containsString("Sign in"));
        }
        anyone().get("/api/jotter/auth").then().statusCode(200)
                .body("mode", equalTo("accounts")).body("issuer", equalTo(Keycloak.issuer()))
                .body("client_id", equalTo("jotter-web"));
        anyone().get("/").then().statusCode(200);
        anyone().get("/q/health").then().statusCode(200);
    }

    @Test
    void theSingleUserTokenMeansNothingWithAccountsOn() {
        anyone().header("Authorization", TestAuth.AUTHORIZATION).get("/api/contents").then().statusCode(401);
        anyone().queryParam("token", TestAuth.TOKEN).get("/api/contents").then().statusCode(401);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = a.split("\\.");
        // Claims rewritten to another user: the signature no longer matches.
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("student1", "student2");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes()) + "." + parts[2];
        as(forged).get("/api/contents").then().statusCode(401).body("message", containsString("not valid"));
        String badSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        as(badSignature).get("/api/contents").then().statusCode(401);
        as("not-a-jwt").get("/api/contents").then().statusCode(401);
    }

    @Test
    void aTokenForAnotherClientOrRealmIsRefused() {
        // Keycloak's own admin-cli client in the jotter realm: a genuine token, but not meant for Jotter.
        String otherAudience = Keycloak.token(Keycloak.issuer(), "admin-cli", "student1", "student1");
        as(otherAudience).get("/api/contents").then().statusCode(401);
    }

    @Test
    void bSeesNoneOfAsThingsInItsLists() {
        as(b).get("/api/contents").then().statusCode(200).body("content.name", not(hasItem(NOTEBOOK)));
        as(b).get("/api/kernels").then().statusCode(200).body("id", not(hasItem(kernelId)));
        as(b).get("/api/sessions").then().statusCode(200).body("id", not(hasItem(sessionId)));
        as(a).get("/api/kernels").then().statusCode(200).body("id", hasItem(kernelId));
    }

    @Test
    void bGetsNotFoundForAsNotebookKernelAndSessionWhateverTheVerb() {
        List<Response> answers = List.of(
                as(b).get("/api/contents/" + NOTEBOOK),
                as(b).get("/api/contents/" + NOTEBOOK + "/checkpoints"),
                as(b).contentType("application/json").body("{\"path\": \"stolen.ipynb\"}")
                        .patch("/api/contents/" + NOTEBOOK),
                as(b).delete("/api/contents/" + NOTEBOOK),
                as(b).get("/api/kernels/" + kernelId),
                as(b).post("/api/kernels/" + kernelId + "/interrupt"),
                as(b).post("/api/kernels/" + kernelId + "/restart"),
                as(b).delete("/api/kernels/" + kernelId),
                as(b).get("/api/sessions/" + sessionId),
                as(b).contentType("application/json").body("{\"path\": \"x.ipynb\"}").patch("/api/sessions/" + sessionId),
                as(b).delete("/api/sessions/" + sessionId),
                as(b).contentType("application/json").body(Map.of("path", "mine.ipynb", "type", "notebook",
                        "kernel", Map.of("id", kernelId))).post("/api/sessions"));
        for (Response answer : answers) {
            assertEquals(404, answer.statusCode(), answer.asString());
            String body = answer.asString();
            assertFalse(body.contains("student1"), body);
            assertFalse(body.contains("answer = 42"), body);
        }
        // A's things are all still there.
        as(a).get("/api/contents/" + NOTEBOOK).then().statusCode(200).body("content.cells[0].source",
                equalTo("int answer = 42;"));
        as(a).get("/api/kernels/" + kernelId).then().statusCode(200);
        as(a).get("/api/sessions/" + sessionId).then().statusCode(200);
    }

    @Test
    void eachUserHasTheirOwnFolderUnderTheSamePaths() {
        as(b).body(EMPTY_NOTEBOOK.replace("42", "7")).contentType("application/json")
                .put("/api/contents/" + NOTEBOOK).then().statusCode(201);
        try {
            as(b).get("/api/contents/" + NOTEBOOK).then().body("content.cells[0].source", equalTo("int answer = 7;"));
            as(a).get("/api/contents/" + NOTEBOOK).then().body("content.cells[0].source", equalTo("int answer = 42;"));
        } finally {
            as(b).delete("/api/contents/" + NOTEBOOK).then().statusCode(204);
        }
    }

    @Test
    void aCrossSiteFormPostCannotStartAKernel() {
        int before = as(a).get("/api/kernels").then().extract().path("size()");
        // What another site's form can send: no Authorization header, a form body, its own Origin.
        anyone().header("Origin", "https://evil.example").contentType("application/x-www-form-urlencoded")
                .formParam("name", "jotter-java").post("/api/kernels").then().statusCode(401);
        int after = as(a).get("/api/kernels").then().extract().path("size()");
        assertEquals(before, after);
    }

    @Test
    void meNamesTheSignedInPerson() {
        as(a).get("/api/me").then().statusCode(200).body("identity.username", equalTo("student1"));
    }

    @Test
    @Transactional
    void aUserRowIsMadeOnFirstSignInWithTheirRoles() {
        as(b).get("/api/me").then().statusCode(200);
        Object[] row = (Object[]) entities.createNativeQuery(
                "select username, array_to_string(roles, ',') from users where username = 'student2'").getSingleResult();
        assertEquals("student2", row[0]);
        assertEquals("student", row[1]);
        as(Keycloak.token("instructor1")).get("/api/me").then().statusCode(200);
        String roles = (String) entities.createNativeQuery(
                "select array_to_string(roles, ',') from users where username = 'instructor1'").getSingleResult();
        assertTrue(roles.contains("instructor"), roles);
    }
}
