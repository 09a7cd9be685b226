package io.jotter.server.kernels;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** With a warm pool, a new notebook gets a kernel that was started before it asked, and the pool refills. */
@QuarkusTest
@TestProfile(WarmKernelsIT.OneWarmKernel.class)
class WarmKernelsIT {
    public static class OneWarmKernel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jotter.kernels.warm-pool", "1", "jotter.pool.warm.cpu-highmem", "1",
                    "jotter.pool.capacity.cpu-highmem", "2");
        }
    }

    @Inject
    KernelRegistry registry;

    @ConfigProperty(name = "jotter.runtime-dir")
    String runtimeDir;

    /** The started kernels no one has been given yet (one per type here), waiting up to a minute for both. */
    private Set<String> waitingKernels() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Set<String> given = registry.list().stream().map(RunningKernel::id).collect(Collectors.toSet());
            Set<String> waiting = connectionFiles().stream().filter(id -> !given.contains(id))
                    .collect(Collectors.toSet());
            if (waiting.size() >= 2) {
                return waiting;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no warm kernels of both types within 60 s");
    }

    private Set<String> connectionFiles() throws IOException {
        Path dir = Path.of(runtimeDir);
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("kernel-.*\\.json"))
                    .map(n -> n.substring("kernel-".length(), n.length() - ".json".length())).collect(Collectors.toSet());
        }
    }

    @Test
    void aNewKernelIsTheWarmOneAndAnotherTakesItsPlace() throws Exception {
        Set<String> warm = waitingKernels();
        String given = given().contentType(ContentType.JSON).body("{\"name\": \"jotter-java\"}")
                .when().post("/api/kernels").then().statusCode(201).extract().path("id");
        assertTrue(warm.contains(given), "the kernel handed out is one that was waiting");
        Set<String> next = waitingKernels();
        assertTrue(!next.contains(given), "a fresh warm kernel replaced it");
        given().when().delete("/api/kernels/" + given).then().statusCode(204);
    }

    @Test
    void eachRuntimeTypeHasWarmKernelsOfItsOwn() throws Exception {
        Set<String> warm = waitingKernels();
        String highmem = given().contentType(ContentType.JSON).body(Map.of("runtime_type", "cpu-highmem"))
                .when().post("/api/jotter/runtimes").then().statusCode(201).extract().path("id");
        assertTrue(warm.contains(highmem), "the cpu-highmem runtime is the warm one of its type");
        assertEquals("cpu-highmem", registry.get(highmem).terms().runtimeType());
        String cpu = given().contentType(ContentType.JSON).body(Map.of("runtime_type", "cpu"))
                .when().post("/api/jotter/runtimes").then().statusCode(201).extract().path("id");
        assertTrue(warm.contains(cpu) && !cpu.equals(highmem), "the cpu runtime is the other warm kernel");
        given().when().delete("/api/jotter/runtimes/" + highmem).then().statusCode(204);
        given().when().delete("/api/jotter/runtimes/" + cpu).then().statusCode(204);
    }
}
