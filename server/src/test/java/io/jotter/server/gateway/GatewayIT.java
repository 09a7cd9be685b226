package io.jotter.server.gateway;

import static io.jotter.server.gateway.KernelSocket.isStatus;
import static io.jotter.server.gateway.KernelSocket.isType;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jotter.server.kernels.KernelRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway as a user meets it: over real WebSockets, to real kernels, with the notebook in real
 * PostgreSQL. Each test starts its own kernel through a notebook session.
 */
@QuarkusTest
class GatewayIT {
    private static final Duration CELL = Duration.ofSeconds(60);

    @Inject
    KernelRegistry registry;

    @Inject
    ObjectMapper json;

    @Inject
    GatewayConfig config;

    @TestHTTPResource("/")
    URI base;

    /** A stored notebook with one empty code cell "c1", and a session (so a kernel) for it. */
    private String notebookWithKernel(String path) {
        given().contentType(ContentType.JSON).body("""
                {"type": "notebook", "format": "json", "content":
                  {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                   "cells": [{"id": "c1", "cell_type": "code", "metadata": {}, "source": "", "outputs": [],
                              "execution_count": null}]}}""")
                .when().put("/api/contents/{path}", path).then().statusCode(201);
        return given().contentType(ContentType.JSON)
                .body("{\"path\": \"" + path + "\", \"type\": \"notebook\", \"kernel\": {\"name\": \"jotter-java\"}}")
                .when().post("/api/sessions").then().statusCode(201).extract().path("kernel.id");
    }

    /** The notebook's first cell as the contents API serves it: what reopening the notebook shows. */
    private JsonNode storedCell(String path) throws Exception {
        String model = given().when().get("/api/contents/{path}", path).then().statusCode(200).extract().asString();
        return json.readTree(model).path("content").path("cells").path(0);
    }

    @Test
    void aClientAwayDuringALongCellFindsItsOutputSavedAndReplayed() throws Exception {
        String path = "durable-" + UUID.randomUUID() + ".ipynb";
        String kernelId = notebookWithKernel(path);
        String session = UUID.randomUUID().toString();
        String msgId;
        try (KernelSocket first = KernelSocket.connect(base, kernelId, session)) {
            msgId = first.execute("for (int i = 1; i <= 10; i++) { System.out.println(\"step \" + i); Thread.sleep(1000); }",
                    "c1");
            List<JsonNode> started = first.until(msgId, m -> isType(m, "stream"), CELL);
            assertEquals("c1", started.get(started.size() - 1).path("metadata").path("cellId").asText(),
                    "output names its cell, so every tab of the notebook can show it there");
        }
        // The browser is closed while the cell runs on for about nine more seconds.
        assertEquals("busy", given().when().get("/api/kernels/" + kernelId).then().extract().path("execution_state"),
                "REST shows the kernel busy while the cell runs");
        awaitIdle(kernelId);
        Thread.sleep(2 * 1000);  // a flush interval and then some

        JsonNode cell = storedCell(path);
        String saved = cell.path("outputs").path(0).path("text").asText();
        for (int i = 1; i <= 10; i++) {
            assertTrue(saved.contains("step " + i + "\n"), "step " + i + " saved in the notebook: " + cell);
        }
        assertEquals(1, cell.path("execution_count").asInt(), "execution count saved: " + cell);

        try (KernelSocket back = KernelSocket.connect(base, kernelId, session)) {
            List<JsonNode> replayed = back.until(msgId, m -> isType(m, "execute_reply"), Duration.ofSeconds(10));
            assertTrue(KernelSocket.streamText(replayed).contains("step 10"), "missed output replayed: " + replayed);
        } finally {
            registry.shutdown(kernelId);
        }
    }

    @Test
    void whatAWidgetsHandlerPrintsIsSavedBelowTheCellsOutputsEvenRightAfterTheRun() throws Exception {
        String path = "widget-" + UUID.randomUUID() + ".ipynb";
        String kernelId = notebookWithKernel(path);
        try (KernelSocket client = KernelSocket.connect(base, kernelId, UUID.randomUUID().toString())) {
            String run = client.execute("""
                    var go = new Button("go");
                    go.onClick(() -> System.out.println("clicked"));
                    System.out.println("shown");
                    go""", "c1");
            List<JsonNode> ran = client.untilDone(run, CELL);
            String buttonId = ran.stream().filter(m -> isType(m, "execute_result"))
                    .map(m -> m.path("content").path("data").path("application/vnd.jupyter.widget-view+json")
                            .path("model_id").asText())
                    .findFirst().orElseThrow();
            // At once: the run's own last write is still to come (the flush interval), and must not undo this.
            Map<String, Object> click = Map.of("method", "custom", "content", Map.of("event", "click"));
            String first = client.commMessage(buttonId, click, "c1");
            client.until(first, m -> isStatus(m, "idle"), CELL);
            Thread.sleep(2000);
            JsonNode cell = storedCell(path);
            assertEquals(List.of("stream", "execute_result", "stream"), outputTypes(cell), cell.toString());
            assertEquals("clicked\n", cell.path("outputs").path(2).path("text").asText(), cell.toString());
            // Once the run is written and forgotten, a click goes on from what is stored, keeping the count.
            String second = client.commMessage(buttonId, click, "c1");
            client.until(second, m -> isStatus(m, "idle"), CELL);
            Thread.sleep(2000);
            cell = storedCell(path);
            assertEquals("clicked\nclicked\n", cell.path("outputs").path(2).path("text").asText(), cell.toString());
            assertEquals("shown\n", cell.path("outputs").path(0).path("text").asText(), cell.toString());
            assertEquals(1, cell.path("execution_count").asInt(), cell.toString());
        } finally {
            registry.shutdown(kernelId);
        }
    }

    private static List<String> outputTypes(JsonNode cell) {
        List<String> types = new java.util.ArrayList<>();
        cell.path("outputs").forEach(output -> types.add(output.path("output_type").asText()));
        return types;
    }

    private void awaitIdle(String kernelId) throws InterruptedException {
        long deadline = System.nanoTime() + CELL.toNanos();
        while (!"idle".equals(given().when().get("/api/kernels/" + kernelId).then().extract().path("execution_state"))) {
            assertTrue(System.nanoTime() < deadline, "kernel idle again");
            Thread.sleep(200);
        }
    }

    @Test
    void aKernelKilledWithSigkillIsShownDeadToClientsAndRest() throws Exception {
        String kernelId = registry.start("jotter-java", "jotter").id();
        try (KernelSocket client = KernelSocket.connect(base, kernelId, UUID.randomUUID().toString())) {
            long pid = Long.parseLong(registry.get(kernelId).handle().backendRef());
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
            client.await(m -> isStatus(m, "dead"), Duration.ofSeconds(10));
            given().when().get("/api/kernels/" + kernelId).then().statusCode(200)
                    .body("execution_state", org.hamcrest.Matchers.equalTo("dead"));

            given().when().post("/api/kernels/" + kernelId + "/restart").then().statusCode(200);
            String msgId = client.execute("System.out.println(6 * 7);", "none");
            List<JsonNode> after = client.until(msgId, m -> isStatus(m, "idle"), CELL);
            assertTrue(KernelSocket.streamText(after).contains("42"), "the restarted kernel runs cells: " + after);
        } finally {
            registry.shutdown(kernelId);
        }
    }

    @Test
    void aMessageOneByteOverTheLimitClosesTheSocketWith1009() throws Exception {
        String kernelId = registry.start("jotter-java", "jotter").id();
        try {
            String session = UUID.randomUUID().toString();
            try (KernelSocket client = KernelSocket.connect(base, kernelId, session)) {
                String atLimit = padded(session, config.maxMessageSize());
                client.send(atLimit);
                client.await(m -> isType(m, "kernel_info_reply"), CELL);
            }
            try (KernelSocket client = KernelSocket.connect(base, kernelId, session)) {
                client.send(padded(session, config.maxMessageSize() + 1));
                assertEquals(1009, client.closedWith.get(30, TimeUnit.SECONDS));
            }
        } finally {
            registry.shutdown(kernelId);
        }
    }

    /** A kernel_info_request of exactly {@code size} bytes (ASCII), padded in its metadata. */
    private static String padded(String session, int size) {
        String template = """
                {"channel": "shell", "buffers": [], "parent_header": {}, "content": {},
                 "header": {"msg_id": "%s", "session": "%s", "username": "student", "date": "2026-11-27T10:00:00Z",
                            "msg_type": "kernel_info_request", "version": "5.3"},
                 "metadata": {"padding": "%s"}}""";
        String empty = template.formatted(UUID.randomUUID(), session, "");
        return template.formatted(UUID.randomUUID(), session, "x".repeat(size - empty.length()));
    }

    @Test
    void anOutputFloodIsThrottledWithANoticeAndSavedWhole() throws Exception {
        String path = "flood-" + UUID.randomUUID() + ".ipynb";
        String kernelId = notebookWithKernel(path);
        try (KernelSocket client = KernelSocket.connect(base, kernelId, UUID.randomUUID().toString())) {
            // About 6 MB in a few seconds: past the 1 MB/s data rate averaged over 3 s.
            String msgId = client.execute("""
                    String line = "x".repeat(99);
                    for (int i = 0; i < 60_000; i++) { System.out.println(line); }
                    System.out.println("the end");""", "c1");
            List<JsonNode> shown = client.until(msgId, m -> isStatus(m, "idle"), CELL);
            String text = KernelSocket.streamText(shown);
            assertTrue(text.contains("output is arriving faster"), "the client is told output is paused");
            assertTrue(text.length() < 6_000_000, "not all of it was shown live");
        }
        Thread.sleep(2000);
        String saved = storedCell(path).path("outputs").path(0).path("text").asText();
        assertEquals(60_000 * 100 + "the end\n".length(), saved.length(), "every line saved");
        registry.shutdown(kernelId);
    }
}
