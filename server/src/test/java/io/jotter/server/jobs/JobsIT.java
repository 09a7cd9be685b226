package io.jotter.server.jobs;

import static io.jotter.server.jobs.TestNotebook.notebook;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.pool.reservations.ReservationWindow;
import io.jotter.server.runtimes.LocalPool;
import io.jotter.server.runtimes.PoolTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Training jobs as a user meets them, through the REST API only: no client ever connects to a job's kernel.
 * Real kernels (each job starts one), real PostgreSQL.
 */
@QuarkusTest
class JobsIT {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);

    @Inject
    JobStore store;

    @Inject
    JobRecovery recovery;

    @Inject
    PoolTypes pool;

    @Inject
    EntityManager entities;

    @Inject
    LocalPool localPool;

    private static JsonPath submit(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/jotter/jobs").then().statusCode(201)
                .extract().jsonPath();
    }

    /** Follows the job until it ends; its runner has written its last line once the notebook says it ended too. */
    private static JsonPath await(String id) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = given().get("/api/jotter/jobs/" + id).then().statusCode(200).extract().jsonPath();
            String state = job.getString("state");
            if (List.of("succeeded", "failed", "cancelled").contains(state)
                    && state.equals(result(job).getString("content.metadata.jotter.job.state"))
                    && job.get("units_spent") != null) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not end within " + JOB_TIMEOUT);
    }

    private static JsonPath result(JsonPath job) {
        return given().get("/api/contents/{path}", job.getString("result_path")).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aJobTrainsATensorFlowModelToAnAccuracyWithNoClientAndKeepsEveryOutput() throws Exception {
        String path = notebook()
                .markdown("# Two blobs")
                .code("""
                        import io.jotter.learn.*;
                        var random = new java.util.Random(7);
                        float[][] x = new float[400][2];
                        int[] y = new int[400];
                        for (int i = 0; i < 400; i++) {
                            y[i] = i % 2;
                            x[i][0] = (float) (random.nextGaussian() + (y[i] == 0 ? -1.5 : 1.5));
                            x[i][1] = (float) (random.nextGaussian() + (y[i] == 0 ? -1.5 : 1.5));
                        }
                        System.out.println("made " + x.length + " points");""")
                .code("""
                        var model = new Sequential(new Input(2), new Dense(8, "relu"), new Dense(2, "softmax"))
                                .compile("adam", "sparse_categorical_crossentropy", "accuracy").seed(1);
                        var history = model.fit(x, y, 15, 32);""")
                .code("""
                        double accuracy = model.evaluate(x, y).get("accuracy");
                        System.out.println("accuracy " + accuracy);
                        if (accuracy < 0.9) throw new IllegalStateException("accuracy " + accuracy + " < 0.9");""")
                .code("accuracy >= 0.9")
                .save("train.ipynb");
        Instant submitted = Instant.now();
        JsonPath job = submit(Map.of("path", path, "runtime_type", "cpu"));
        String id = job.getString("id");
        assertEquals("queued", job.getString("state"));
        assertTrue(job.getString("result_path").matches(".*/train\\.job-[0-9a-f]{8}\\.ipynb"), job.getString("result_path"));
        // Viewable at once, every cell pending.
        assertEquals("pending", result(job).getString("content.cells[1].metadata.jotter.status"));

        JsonPath done = await(id);
        System.out.printf("[jobs] TF job: start latency %d ms (submit to first cell), ran %.1f s%n",
                Duration.between(submitted, Instant.parse(done.getString("started_at"))).toMillis(),
                done.getDouble("duration_seconds"));
        assertEquals("succeeded", done.getString("state"), done.prettify());
        assertNull(done.get("error"));
        assertEquals(4, done.getInt("cells_done"));
        assertEquals("cpu", done.getString("runtime_type"));

        JsonPath stored = result(done);
        assertEquals("succeeded", stored.getString("content.metadata.jotter.job.state"));
        assertEquals("# Two blobs", stored.getString("content.cells[0].source"));
        assertEquals("made 400 points\n", stored.getString("content.cells[1].outputs[0].text"));
        String printed = stored.getString("content.cells[3].outputs[0].text");
        assertTrue(printed.matches("accuracy [01]\\.\\d+\n") && Double.parseDouble(printed.substring(9)) >= 0.9,
                printed);
        assertEquals("display_data", stored.getString("content.cells[2].outputs[0].output_type"));
        assertThat(stored.getString("content.cells[2].outputs[0].data.'text/plain'"), "Epoch 15/15");
        assertEquals("true", stored.getString("content.cells[4].outputs[0].data.'text/plain'"));
        for (int cell = 1; cell <= 4; cell++) {
            String at = "content.cells[" + cell + "].";
            assertEquals("completed", stored.getString(at + "metadata.jotter.status"));
            assertNotNull(stored.get(at + "execution_count"), "cell " + cell + " has its count");
            assertNotNull(stored.get(at + "metadata.execution.'iopub.execute_input'"));
            assertNotNull(stored.get(at + "metadata.execution.'shell.execute_reply'"));
            assertNotNull(stored.get(at + "metadata.jotter.duration_ms"));
        }
        // The runtime stopped when the job ended, and was metered once.
        String runtime = done.getString("runtime_id");
        assertFalse(given().get("/api/jotter/runtimes").then().extract().<List<String>>path("id").contains(runtime));
        given().get("/api/jotter/usage").then()
                .body("ledger.findAll { it.runtime_id == '" + runtime + "' }.kind", equalTo(List.of("meter")))
                .body("ledger.find { it.runtime_id == '" + runtime + "' }.reason", equalTo("the job finished"));
    }

    private static void assertThat(String text, String part) {
        assertTrue(text != null && text.contains(part), "'" + text + "' should contain '" + part + "'");
    }

    /**
     * What running cells as a job costs beside a client running the same cells over ZeroMQ with no bookkeeping:
     * the job writes each cell's outputs, timings and progress to PostgreSQL. Printed, and bounded loosely.
     */
    @Test
    void aFailingCellStopsTheJobWithTheErrorShownAndTheRestSkipped() throws Exception {
        String path = notebook().code("int before = 1;")
                .code("if (before == 1) throw new IllegalArgumentException(\"boom\");")
                .code("System.out.println(\"after\");").save("fails.ipynb");
        JsonPath done = await(submit(Map.of("path", path)).getString("id"));
        assertEquals("failed", done.getString("state"));
        assertThat(done.getString("error"), "cell 2 raised");
        assertThat(done.getString("error"), "boom");
        assertEquals(2, done.getInt("cells_done"));
        assertEquals(1, done.getInt("cells_failed"));
        JsonPath stored = result(done);
        assertEquals("error", stored.getString("content.cells[1].outputs[0].output_type"));
        assertThat(stored.getString("content.cells[1].outputs[0].evalue"), "boom");
        assertEquals("failed", stored.getString("content.cells[1].metadata.jotter.status"));
        assertEquals("skipped", stored.getString("content.cells[2].metadata.jotter.status"));
        assertEquals(List.of(), stored.getList("content.cells[2].outputs"));
        assertThat(stored.getString("content.metadata.jotter.job.error"), "boom");
    }

    @Test
    void continueOnErrorRunsOnPastAFailingCell() throws Exception {
        String path = notebook().code("throw new IllegalStateException(\"first\");")
                .code("System.out.println(\"still ran\");").save("runs-on.ipynb");
        JsonPath done = await(submit(Map.of("path", path, "continue_on_error", true)).getString("id"));
        assertEquals("succeeded", done.getString("state"));
        assertEquals(1, done.getInt("cells_failed"));
        assertThat(done.getString("error"), "first");
        JsonPath stored = result(done);
        assertEquals("error", stored.getString("content.cells[0].outputs[0].output_type"));
        assertEquals("still ran\n", stored.getString("content.cells[1].outputs[0].text"));
    }

    @Test
    void aJobRunsUnderAReservationLikeAnyRuntime() throws Exception {
        pool.set(Map.of("cpu", 64, "gpu-l4", 2));
        try {
            Instant slot = ReservationWindow.slotOf(Instant.now());
            long reservation = given().contentType(ContentType.JSON).body(Map.of("runtime_type", "gpu-l4",
                            "starts_at", slot.toString(), "ends_at", slot.plus(Duration.ofHours(1)).toString()))
                    .post("/api/jotter/reservations").then().statusCode(201).extract().jsonPath().getLong("id");
            String path = notebook().code("System.out.println(System.getenv(\"JOTTER_RUNTIME_TYPE\"));")
                    .save("reserved.ipynb");
            JsonPath done = await(submit(Map.of("path", path, "runtime_type", "gpu-l4", "reservation_id", reservation))
                    .getString("id"));
            assertEquals("succeeded", done.getString("state"));
            assertEquals("gpu-l4\n", result(done).getString("content.cells[0].outputs[0].text"));
            Number claimed = QuarkusTransaction.requiringNew().call(() -> (Number) entities.createNativeQuery(
                    "select reservation_id from runtimes where id = ?1").setParameter(1, done.getString("runtime_id"))
                    .getSingleResult());
            assertEquals(reservation, claimed.longValue(), "its runtime claimed the reservation");
            given().delete("/api/jotter/reservations/" + reservation).then().statusCode(204);
        } finally {
            pool.set(localPool.capacity());
        }
    }

    @Test
    void cancelStopsTheKernelAndClosesItsLedgerEntry() throws Exception {
        String path = notebook().code("System.out.println(\"sleeping\");").code("Thread.sleep(600_000);")
                .save("sleeps.ipynb");
        String id = submit(Map.of("path", path)).getString("id");
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        JsonPath job;
        do {
            Thread.sleep(200);
            job = given().get("/api/jotter/jobs/" + id).then().extract().jsonPath();
        } while (job.getInt("cells_done") < 1 && System.nanoTime() < deadline);
        assertEquals("running", job.getString("state"));
        String runtime = job.getString("runtime_id");
        assertTrue(given().get("/api/jotter/runtimes").then().extract().<List<String>>path("id").contains(runtime));

        given().delete("/api/jotter/jobs/" + id).then().statusCode(200).body("state", equalTo("cancelled"))
                .body("error", equalTo("cancelled by jotter"));
        // The runtime is gone and metered by the time the cancel answers.
        assertFalse(given().get("/api/jotter/runtimes").then().extract().<List<String>>path("id").contains(runtime));
        given().get("/api/jotter/usage").then()
                .body("ledger.find { it.runtime_id == '" + runtime + "' }.kind", equalTo("meter"))
                .body("ledger.find { it.runtime_id == '" + runtime + "' }.reason", equalTo("cancelled by jotter"));
        JsonPath done = await(id);
        assertEquals("cancelled", done.getString("state"));
        assertEquals("interrupted", result(done).getString("content.cells[1].metadata.jotter.status"));
        given().delete("/api/jotter/jobs/" + id).then().statusCode(409);
    }

    @Test
    void aJobStopsAtItsTimeLimitWhichTheTierBounds() throws Exception {
        String path = notebook().code("Thread.sleep(600_000);").save("slow.ipynb");
        given().contentType(ContentType.JSON).body(Map.of("path", path, "time_limit_seconds", 13 * 3600))
                .post("/api/jotter/jobs").then().statusCode(400)
                .body("message", containsString("maximum runtime lifetime of 43200 s"));
        JsonPath done = await(submit(Map.of("path", path, "time_limit_seconds", 2)).getString("id"));
        assertEquals("failed", done.getString("state"));
        assertEquals("the job reached its time limit of 2 s", done.getString("error"));
    }

    @Test
    void threeParameterSetsGiveThreeExecutedNotebooksWithTheirValues() throws Exception {
        String path = notebook().code("double lr = 0.1;\nint epochs = 1;\nString name = \"default\";", "parameters")
                .code("System.out.println(\"lr=\" + lr + \" epochs=\" + epochs + \" name=\" + name);")
                .save("sweep.ipynb");
        List<Map<String, Object>> sweep = List.of(
                Map.of("lr", 0.01, "epochs", 3, "name", "a \"quoted\"\nline \\u0041"),
                Map.of("lr", 1, "epochs", 5, "name", "b"),
                Map.of("lr", 0.5, "epochs", 7, "name", "c", "extra", true));
        List<String> ids = given().contentType(ContentType.JSON).body(Map.of("path", path, "parameters", sweep))
                .post("/api/jotter/jobs").then().statusCode(201).extract().path("id");
        assertEquals(3, ids.size());
        List<String> expected = List.of("lr=0.01 epochs=3 name=a \"quoted\"\nline \\u0041\n",
                "lr=1.0 epochs=5 name=b\n", "lr=0.5 epochs=7 name=c\n");
        for (int i = 0; i < 3; i++) {
            JsonPath done = await(ids.get(i));
            assertEquals("succeeded", done.getString("state"), done.prettify());
            JsonPath stored = result(done);
            assertEquals(List.of("injected-parameters"), stored.getList("content.cells[1].metadata.tags"));
            assertEquals(expected.get(i), stored.getString("content.cells[2].outputs[0].text"));
        }
        String third = given().get("/api/jotter/jobs/" + ids.get(2)).then().extract().path("result_path");
        assertTrue(given().get("/api/contents/{path}", third).then().extract().<String>path("content.cells[1].source").contains("\nboolean extra = true;\n"));
    }

    @Test
    void parametersMustBeJavaIdentifiersWithScalarValues() {
        String path = notebook().code("int x = 1;", "parameters").save("bad.ipynb");
        for (Object parameters : List.of(Map.of("1x", 1), Map.of("class", 1), Map.of("x", List.of(1)),
                List.of())) {
            given().contentType(ContentType.JSON).body(Map.of("path", path, "parameters", parameters))
                    .post("/api/jotter/jobs").then().statusCode(400);
        }
        given().contentType(ContentType.JSON).body(Map.of("path", path, "parameters", Map.of("class", 1)))
                .post("/api/jotter/jobs").then().body("message", containsString("'class' is not a Java identifier"));
        given().get("/api/jotter/jobs/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aRestartFailsAJobWhoseKernelIsGoneAndQueuesAWaitingOneAgain() throws Exception {
        String lost = UUID.randomUUID().toString();
        store.add(newJob(lost, "jobs restart test/lost.job.ipynb"));
        assertTrue(store.starting(lost, "runtime-of-a-dead-server-" + lost));
        assertTrue(store.running(lost, Instant.now()));
        String waiting = UUID.randomUUID().toString();
        // Its executed notebook, as its submission made it.
        store.add(newJob(waiting, notebook().code("1 + 1").save("waiting.job.ipynb")));

        recovery.recover();

        Job failed = store.find(lost).orElseThrow();
        assertEquals(JobState.FAILED, failed.state());
        assertEquals(JobRecovery.RESTARTED, failed.error());
        JsonPath requeued = await(waiting);
        assertEquals("succeeded", requeued.getString("state"), requeued.prettify());
    }

    /** A job waiting for one of the server's job slots is told its place in line, and moves up as slots are taken. */
    @Test
    void aJobWaitingForAJobSlotHasItsPlaceInLine() {
        Instant at = Instant.now();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        try {
            for (int i = 0; i < ids.size(); i++) {
                // Stored, not submitted to the runner: they wait for a slot until the test gives them one.
                store.add(newJob(ids.get(i), "slots test/" + i + ".job.ipynb", at.plusMillis(i)));
            }
            int first = given().get("/api/jotter/jobs/" + ids.get(0)).then().statusCode(200).extract().jsonPath()
                    .getInt("slot_position");
            JsonPath third = given().get("/api/jotter/jobs/" + ids.get(2)).then().statusCode(200).extract().jsonPath();
            assertEquals(first + 2, third.getInt("slot_position"), third.prettify());
            assertNull(third.get("queue_position"), "not in a runtime type's queue yet");
            assertThat(third.getString("waiting"), "job slots are busy; this job is number " + (first + 2) + " in line");

            store.tookSlot(ids.get(0), Instant.now());
            JsonPath running = given().get("/api/jotter/jobs/" + ids.get(0)).then().statusCode(200).extract().jsonPath();
            assertNull(running.get("slot_position"), running.prettify());
            assertThat(running.getString("waiting"), "Asking for a cpu runtime");
            assertEquals(first, given().get("/api/jotter/jobs/" + ids.get(1)).then().statusCode(200).extract()
                    .jsonPath().getInt("slot_position"), "the next in line moved up");
        } finally {
            ids.forEach(id -> store.finish(id, JobState.CANCELLED, "the test is over", Instant.now()));
        }
    }

    private static JobStore.NewJob newJob(String id, String resultPath) {
        return newJob(id, resultPath, Instant.now());
    }

    private static JobStore.NewJob newJob(String id, String resultPath, Instant createdAt) {
        String notebook = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {\"jotter\": {}}, \"cells\": "
                + "[{\"cell_type\": \"code\", \"id\": \"c1\", \"metadata\": {}, \"source\": \"1 + 1\", "
                + "\"outputs\": [], \"execution_count\": null}]}";
        return new JobStore.NewJob(id, "jotter", "restart.ipynb", notebook, null, "cpu", "jotter-java",
                resultPath, false, Duration.ofMinutes(5), 1, createdAt, null);
    }
}
