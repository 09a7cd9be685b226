package io.jotter.server.kernels;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real kernels as local processes, started and stopped through the REST API. */
@QuarkusTest
class KernelsResourceIT {
    @Inject
    KernelRegistry registry;

    private static String start(String name) {
        return given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                .when().post("/api/kernels")
                .then().statusCode(201)
                .body("name", equalTo(name))
                .body("connections", equalTo(0))
                .body("execution_state", equalTo("idle"))
                .extract().path("id");
    }

    private long pid(String id) {
        return Long.parseLong(registry.get(id).handle().backendRef());
    }

    private static boolean exitsWithin(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void startsListsInterruptsRestartsAndShutsDownTheJavaKernel() throws Exception {
        String id = start("jotter-java");
        given().when().get("/api/kernels").then().statusCode(200).body("id", hasItem(id));
        given().when().get("/api/kernels/" + id).then().statusCode(200).body("name", equalTo("jotter-java"));
        long firstPid = pid(id);
        assertTrue(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));

        given().when().post("/api/kernels/" + id + "/interrupt").then().statusCode(204);
        given().when().post("/api/kernels/" + id + "/restart").then().statusCode(200).body("id", equalTo(id));
        long secondPid = pid(id);
        assertNotEquals(firstPid, secondPid, "a restart is a new process");
        assertTrue(exitsWithin(firstPid, Duration.ofSeconds(10)), "the old process is gone");

        given().when().delete("/api/kernels/" + id).then().statusCode(204);
        assertTrue(exitsWithin(secondPid, Duration.ofSeconds(10)), "shutting down ends the process");
        given().when().get("/api/kernels/" + id).then().statusCode(404);
        given().when().get("/api/kernels").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void runsDebiansIpykernelThroughTheSameApi() throws Exception {
        String id = start("python3");
        long pid = pid(id);
        given().when().post("/api/kernels/" + id + "/interrupt").then().statusCode(204);
        given().when().delete("/api/kernels/" + id).then().statusCode(204);
        assertTrue(exitsWithin(pid, Duration.ofSeconds(10)));
    }

    @Test
    void anUnknownKernelNameIsA400WithAReasonAndAnUnknownIdA404() {
        given().contentType(ContentType.JSON).body("{\"name\": \"cobol\"}")
                .when().post("/api/kernels")
                .then().statusCode(400)
                .body("message", equalTo("no kernel spec named cobol; GET /api/kernelspecs lists them"));
        given().when().delete("/api/kernels/not-a-kernel").then().statusCode(404);
        given().when().post("/api/kernels/not-a-kernel/interrupt").then().statusCode(404);
        assertFalse(registry.list().stream().anyMatch(k -> k.spec().name().equals("cobol")));
    }
}
