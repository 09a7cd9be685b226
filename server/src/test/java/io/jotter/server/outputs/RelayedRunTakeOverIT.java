package io.jotter.server.outputs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Header;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.Message;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.RunningKernel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A replica relays a cell's run while another records the kernel, then adopts the kernel after the request left: too
 * late for the adoption's look at the runs in flight (the request was noted in the database just after it). The
 * run's output goes on arriving; all of it, from before and after the adoption, must reach the stored notebook.
 */
@QuarkusTest
class RelayedRunTakeOverIT {
    @Inject
    CellOutputs outputs;

    @Inject
    KernelRegistry kernels;

    @Test
    void aRunRelayedHereBeforeThisReplicaRecordedItsKernelKeepsAllItsOutput() {
        String path = "takeover-" + UUID.randomUUID() + ".ipynb";
        given().contentType(ContentType.JSON).body("{\"type\": \"notebook\", \"format\": \"json\", \"content\": {\"cells\":"
                + " [{\"cell_type\": \"code\", \"id\": \"c1\", \"metadata\": {}, \"execution_count\": null, \"outputs\": [],"
                + " \"source\": \"print(1)\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}}")
                .put("/api/contents/" + path).then().statusCode(201);
        String kernelId = given().contentType(ContentType.JSON).body(Map.of("path", path, "type", "notebook",
                "kernel", Map.of("name", "jotter-java"))).post("/api/sessions").then().statusCode(201)
                .extract().path("kernel.id");
        RunningKernel kernel = kernels.get(kernelId);
        try {
            String run = UUID.randomUUID().toString();
            ObjectNode metadata = Json.MAPPER.createObjectNode().put("cellId", "c1");
            outputs.requested(kernel, new Message<>(List.of(), new Header(run, "page", "student",
                    "2026-12-07T10:00:00Z", "execute_request", "5.3"), null, metadata,
                    new Content.ExecuteRequest("print(1)", false, true, Map.of(), false, true), List.of()), false);
            outputs.received(kernelId, stream(run, "before the adoption\n"), false);
            // Adopted now: this replica records the kernel's output from here on.
            outputs.received(kernelId, stream(run, "after it\n"), true);
            outputs.received(kernelId, message(run, "status", new Content.Status("idle")), true);
            outputs.flush();

            List<Map<String, Object>> stored = given().get("/api/contents/" + path).then().statusCode(200)
                    .extract().path("content.cells[0].outputs");
            assertEquals("before the adoption\nafter it\n", stored.stream().map(o -> text(o.get("text")))
                    .collect(Collectors.joining()), "the run's whole output, once: " + stored);
        } finally {
            given().delete("/api/kernels/" + kernelId).then().statusCode(204);
        }
    }

    /** nbformat's multiline string: a string or a list of lines. */
    private static String text(Object multiline) {
        return multiline instanceof List<?> lines ? lines.stream().map(String::valueOf).collect(Collectors.joining())
                : String.valueOf(multiline);
    }

    private static Message<?> stream(String parent, String text) {
        return message(parent, "stream", new Content.Stream("stdout", text));
    }

    private static Message<?> message(String parent, String type, Content content) {
        return new Message<>(List.of(), Header.create(type, "kernel", "kernel"), new Header(parent, "page", "student",
                "2026-12-07T10:00:00Z", "execute_request", "5.3"), Json.MAPPER.createObjectNode(), content, List.of());
    }
}
