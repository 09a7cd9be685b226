package io.jotter.server.runtimes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.jotter.server.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime, usage, reservation and admin APIs as a client sees them, with real kernels and PostgreSQL. */
@QuarkusTest
class RuntimesResourceIT {
    @Inject
    PoolTypes pool;

    @Inject
    LocalPool localPool;

    @Inject
    QuotaLedger ledger;

    @Inject
    RuntimeRequests requests;

    @Inject
    AgroalDataSource database;

    @AfterEach
    void restore() {
        // After the test, RestAssured no longer sends the token by itself (TestAuth).
        for (String id : given().header("Authorization", TestAuth.AUTHORIZATION).get("/api/jotter/runtimes").then()
                .statusCode(200).extract().<List<String>>path("id")) {
            given().header("Authorization", TestAuth.AUTHORIZATION).delete("/api/jotter/runtimes/" + id);
        }
        ledger.assignTier("jotter", null, "test", "test over", Instant.now());
        pool.set(localPool.capacity());
    }

    private static String start(String type, int status) {
        return given().contentType(ContentType.JSON).body(Map.of("runtime_type", type))
                .post("/api/jotter/runtimes").then().statusCode(status).extract().asString();
    }

    @Test
    void aFullTypeQueuesTheRequestWhichStartsWhenARuntimeStopsAndTheStoppedOneIsMetered() throws Exception {
        pool.set(Map.of("cpu", 64, "cpu-highmem", 1));
        given().get("/api/jotter/runtime-types").then().statusCode(200)
                .body("find { it.name == 'cpu-highmem' }.capacity", equalTo(1))
                .body("find { it.name == 'cpu-highmem' }.in_use", equalTo(0))
                .body("find { it.name == 'cpu-highmem' }.allowed", equalTo(true));

        String first = JsonPath.from(start("cpu-highmem", 201)).getString("id");
        given().get("/api/jotter/runtime-types").then()
                .body("find { it.name == 'cpu-highmem' }.in_use", equalTo(1));
        given().get("/api/jotter/usage").then().statusCode(200)
                .body("tier.name", equalTo("local"))
                .body("running.id", hasItem(first))
                // The local tier counts hours, not units: its runtimes cost no units.
                .body("running.find { it.id == '" + first + "' }.units_per_hour", equalTo(0f));

        JsonPath refused = JsonPath.from(start("cpu-highmem", 503));
        assertEquals("capacity", refused.getString("reason"));
        assertEquals("All 1 cpu-highmem runtimes are in use.", refused.getString("message"));
        assertEquals("Ask through Runtime → Change runtime type to wait in the queue, or choose another type.",
                refused.getString("remedy"));

        String ticket = given().contentType(ContentType.JSON)
                .body(Map.of("runtime_type", "cpu-highmem", "queue", true)).post("/api/jotter/runtimes")
                .then().statusCode(202)
                .body("state", equalTo("queued"))
                .body("position", equalTo(1))
                .body("estimated_start", notNullValue())
                .extract().path("id");
        given().get("/api/jotter/runtime-requests/" + ticket).then().statusCode(200).body("position", equalTo(1));

        given().delete("/api/jotter/runtimes/" + first).then().statusCode(204);
        String second = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (second == null && System.nanoTime() < deadline) {
            JsonPath state = JsonPath.from(given().get("/api/jotter/runtime-requests/" + ticket).asString());
            if ("started".equals(state.getString("state"))) {
                second = state.getString("runtime_id");
            } else {
                assertEquals("queued", state.getString("state"), state.prettify());
                Thread.sleep(200);
            }
        }
        assertEquals("cpu-highmem", given().get("/api/jotter/runtimes").then().extract()
                .path("find { it.id == '" + second + "' }.runtime_type"));
        given().get("/api/jotter/usage").then()
                .body("ledger.find { it.runtime_id == '" + first + "' }.kind", equalTo("meter"))
                .body("ledger.find { it.runtime_id == '" + first + "' }.compute_units", equalTo(0f))
                .body("ledger.find { it.runtime_id == '" + first + "' }.reason", equalTo("you stopped this runtime"));
    }

    @Test
    void aQueuedRequestThatNobodyFollowsGivesUpItsPlace() throws Exception {
        pool.set(Map.of("cpu", 64, "cpu-highmem", 1));
        start("cpu-highmem", 201);
        String ticket = given().contentType(ContentType.JSON)
                .body(Map.of("runtime_type", "cpu-highmem", "queue", true)).post("/api/jotter/runtimes")
                .then().statusCode(202).body("state", equalTo("queued")).extract().path("id");
        // Its page last asked three minutes ago (closed since); asking now would count as following it, so the
        // test reads the table until a dispatch (this one, or the scheduler's) has given it up.
        String state = "queued";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ("queued".equals(state) && System.nanoTime() < deadline) {
            try (Connection connection = database.getConnection()) {
                try (PreparedStatement update = connection.prepareStatement(
                        "update runtime_requests set followed_at = now() - interval '3 minutes' where id = ?")) {
                    update.setString(1, ticket);
                    update.executeUpdate();
                }
                requests.dispatch();
                try (PreparedStatement read = connection.prepareStatement("select state from runtime_requests where id = ?")) {
                    read.setString(1, ticket);
                    try (ResultSet row = read.executeQuery()) {
                        row.next();
                        state = row.getString(1);
                    }
                }
            }
            Thread.sleep(100);
        }
        given().get("/api/jotter/runtime-requests/" + ticket).then().statusCode(200)
                .body("state", equalTo("cancelled"))
                .body("message", equalTo("Nobody followed this request for 2 minutes (its page closed), so it gave up its place."));
    }

    @Test
    void tierRefusalsSayWhyAndWhatToDo() {
        pool.set(Map.of("cpu", 64, "gpu-a100", 1));
        ledger.assignTier("jotter", "free", "test", "as a free user", Instant.now());
        given().get("/api/jotter/runtime-types").then()
                .body("find { it.name == 'gpu-a100' }.allowed", equalTo(false));
        JsonPath refused = JsonPath.from(start("gpu-a100", 403));
        assertEquals("tier", refused.getString("reason"));
        assertEquals("The free tier does not include gpu-a100 runtimes.", refused.getString("message"));
        assertEquals("Choose one of cpu, gpu-t4, or move to a tier that includes gpu-a100.", refused.getString("remedy"));
        given().get("/api/jotter/usage").then()
                .body("tier.name", equalTo("free"))
                .body("tier.weekly_accelerator_hours", equalTo(30))
                .body("renews_at", notNullValue());
        JsonPath unknown = JsonPath.from(start("gpu-b200", 400));
        assertEquals("there is no runtime type named gpu-b200; this server offers cpu, cpu-highmem, gpu-t4, gpu-l4, "
                + "gpu-a100, gpu-h100", unknown.getString("message"));
    }

    @Test
    void twentyBookingsRaceForTheLastSlotAndExactlyOneWins() throws Exception {
        pool.set(Map.of("cpu", 64, "gpu-t4", 4));
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1));
        Map<String, Object> booking = Map.of("runtime_type", "gpu-t4", "count", 1, "starts_at", start.toString(),
                "ends_at", start.plus(Duration.ofHours(1)).toString());
        given().contentType(ContentType.JSON).body(booking).post("/api/jotter/reservations").then().statusCode(201)
                .body("count", equalTo(1)).body("holder", equalTo("jotter"));

        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JsonPath>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(threads.submit(() -> {
                go.await();
                var response = given().contentType(ContentType.JSON).body(booking).post("/api/jotter/reservations");
                return JsonPath.from("{\"status\": " + response.statusCode() + ", \"body\": " + response.asString() + "}");
            }));
        }
        go.countDown();
        int won = 0;
        for (Future<JsonPath> result : results) {
            JsonPath outcome = result.get(2, TimeUnit.MINUTES);
            if (outcome.getInt("status") == 201) {
                won++;
            } else {
                assertEquals(409, outcome.getInt("status"), outcome.prettify());
                assertEquals("Only 0 gpu-t4 runtimes are free to book all through that window (2 may be booked at "
                        + "once; 2 already are at the busiest quarter hour).", outcome.getString("body.message"));
            }
        }
        threads.shutdown();
        assertEquals(1, won, "half of 4 T4s may be booked: one was, one more can be");

        given().queryParam("runtime_type", "gpu-t4").queryParam("from", start.toString()).queryParam("slots", 4)
                .get("/api/jotter/reservations/calendar").then().statusCode(200)
                .body("booked", equalTo(List.of(2, 2, 2, 2)))
                .body("bookable", equalTo(List.of(2, 2, 2, 2)));
        List<Integer> ids = given().get("/api/jotter/reservations").then().statusCode(200).extract().path("id");
        assertEquals(2, ids.size());
        given().delete("/api/jotter/reservations/" + ids.get(0)).then().statusCode(204);
        given().queryParam("runtime_type", "gpu-t4").queryParam("from", start.toString()).queryParam("slots", 1)
                .get("/api/jotter/reservations/calendar").then().body("booked", equalTo(List.of(1)));
        given().delete("/api/jotter/reservations/" + ids.get(1)).then().statusCode(204);

        given().contentType(ContentType.JSON).body(Map.of("runtime_type", "gpu-t4", "starts_at",
                        start.plusSeconds(60).toString(), "ends_at", start.plus(Duration.ofHours(1)).toString()))
                .post("/api/jotter/reservations").then().statusCode(400)
                .body("message", containsString("a reservation starts and ends on a quarter hour"));
    }

    @Test
    void adminsGrantUnitsAndPlaceAccountsInTiersWithAReason() {
        String account = "granted-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("kind", "grant", "compute_units", 25))
                .post("/api/jotter/admin/accounts/" + account + "/ledger").then().statusCode(400)
                .body("message", equalTo("Say why: every change to quota carries a reason."));
        given().contentType(ContentType.JSON).body(Map.of("kind", "grant", "compute_units", 25, "reason", "course credit"))
                .post("/api/jotter/admin/accounts/" + account + "/ledger").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("tier", "pro", "reason", "bought Pro"))
                .put("/api/jotter/admin/accounts/" + account + "/tier").then().statusCode(200)
                .body("tier.name", equalTo("pro"))
                .body("units", equalTo(125.0f))
                .body("ledger.find { it.kind == 'grant' && it.reason == 'course credit' }.actor", equalTo("jotter"));
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/jotter/usage"))
                .body(containsString("/api/jotter/runtimes"))
                .body(containsString("/api/jotter/reservations/calendar"));
    }
}
