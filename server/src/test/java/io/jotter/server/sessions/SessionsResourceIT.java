package io.jotter.server.sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionsResourceIT {
    @Inject
    EntityManager entities;

    private static String create(String path) {
        return given().contentType(ContentType.JSON)
                .body("{\"path\": \"" + path + "\", \"name\": \"hw.ipynb\", \"type\": \"notebook\", "
                        + "\"kernel\": {\"name\": \"jotter-java\"}}")
                .when().post("/api/sessions")
                .then().statusCode(201)
                .body("path", equalTo(path))
                .body("type", equalTo("notebook"))
                .body("kernel.name", equalTo("jotter-java"))
                .extract().path("id");
    }

    @Test
    void opensANotebookOnAKernelReusesItRenamesItAndShutsItDown() {
        String id = create("week1/hw.ipynb");
        String kernelId = given().when().get("/api/sessions/" + id).then().statusCode(200).extract().path("kernel.id");
        given().when().get("/api/kernels").then().body("id", hasItem(kernelId));

        // A second tab opening the same notebook joins the same session and kernel.
        given().contentType(ContentType.JSON)
                .body("{\"path\": \"week1/hw.ipynb\", \"type\": \"notebook\", \"kernel\": {\"name\": \"jotter-java\"}}")
                .when().post("/api/sessions")
                .then().statusCode(201).body("id", equalTo(id)).body("kernel.id", equalTo(kernelId));

        given().contentType(ContentType.JSON).body("{\"path\": \"week1/final.ipynb\", \"name\": \"final.ipynb\"}")
                .when().patch("/api/sessions/" + id)
                .then().statusCode(200).body("path", equalTo("week1/final.ipynb")).body("kernel.id", equalTo(kernelId));

        given().when().delete("/api/sessions/" + id).then().statusCode(204);
        given().when().get("/api/sessions/" + id).then().statusCode(404);
        given().when().get("/api/kernels").then().body("id", not(hasItem(kernelId)));
        given().when().get("/api/sessions").then().statusCode(200).body("id", not(hasItem(id)));
    }

    /** Tabs (or replicas) opening one notebook at the same instant: one session, one kernel. */
    @Test
    void manyRequestsForOneNotebookAtOnceStartOneKernel() throws Exception {
        String path = "race-" + UUID.randomUUID() + "/hw.ipynb";
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> answers = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    var created = given().contentType(ContentType.JSON)
                            .body("{\"path\": \"" + path + "\", \"type\": \"notebook\", \"kernel\": {\"name\": \"jotter-java\"}}")
                            .when().post("/api/sessions").then().statusCode(201).extract();
                    return created.path("id") + " " + created.path("kernel.id");
                }));
            }
            go.countDown();
            Set<String> seen = new HashSet<>();
            for (Future<String> answer : answers) {
                seen.add(answer.get(3, TimeUnit.MINUTES));
            }
            assertEquals(1, seen.size(), "sessions and kernels: " + seen);
            String kernelId = seen.iterator().next().split(" ")[1];
            List<String> kernels = given().when().get("/api/kernels").then().extract().path("id");
            assertEquals(1, kernels.stream().filter(kernelId::equals).count());
            given().when().delete("/api/sessions/" + seen.iterator().next().split(" ")[0]).then().statusCode(204);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A start claimed by a server that died mid-start (it is no live replica) does not hold the notebook up. */
    @Test
    void aStartClaimedByADeadServerIsTakenOver() {
        String path = "orphan-" + UUID.randomUUID() + "/hw.ipynb";
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                        "insert into session_starts (owner, path, claimer) values (?1, ?2, 'a-server-that-died')")
                .setParameter(1, owner()).setParameter(2, path).executeUpdate());
        String id = create(path);
        given().when().delete("/api/sessions/" + id).then().statusCode(204);
        long claims = ((Number) QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery(
                "select count(*) from session_starts where path = ?1").setParameter(1, path).getSingleResult())).longValue();
        assertEquals(0, claims, "the claim ends with the start");
    }

    /** The account the tests' token signs in as: the owner the server records for their sessions. */
    private static String owner() {
        return given().when().get("/api/me").then().statusCode(200).extract().path("identity.username");
    }

    @Test
    void aSessionNeedsAPathAndAKnownKernel() {
        given().contentType(ContentType.JSON).body("{\"type\": \"notebook\"}")
                .when().post("/api/sessions").then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"path\": \"x.ipynb\", \"kernel\": {\"name\": \"cobol\"}}")
                .when().post("/api/sessions").then().statusCode(400)
                .body("message", equalTo("no kernel spec named cobol; GET /api/kernelspecs lists them"));
    }
}
