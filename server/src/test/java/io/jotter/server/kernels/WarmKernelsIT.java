package io.jotter.server.kernels;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

    /**
     * The started kernels no one has been given yet (one per type here), waiting up to a minute for both. Read from
     * the pool itself: the runtime folder also holds connection files of kernels that other test classes' servers
     * started and are still stopping.
     */
    private Set<String> waitingKernels() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, List<String>> byType = registry.warmKernels();
            if (byType.size() == 2 && byType.values().stream().noneMatch(List::isEmpty)) {
                return byType.values().stream().flatMap(List::stream).collect(Collectors.toSet());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no warm kernels of both types within 60 s: " + registry.warmKernels());
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
