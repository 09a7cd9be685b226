package io.jotter.server.runtimes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A GPU runtime on this machine, which has no GPU: its real kernel (bin/jotter-kernel, JOTTER_ACCELERATOR=gpu)
 * refuses to start as a CPU kernel; the user hears why, the type's place is free again, and the ledger refunds
 * what was metered. (gpu-a100 is not one of the test profile's CPU stand-ins.)
 */
@QuarkusTest
class GpuRuntimeIT {
    private static final String TYPE = "gpu-a100";

    @Inject
    PoolTypes pool;

    @Inject
    LocalPool localPool;

    @AfterEach
    void restore() {
        pool.set(localPool.capacity());
    }

    @Test
    void aGpuRuntimeWithoutAUsableGpuSaysWhyFreesItsPlaceAndIsRefunded() {
        pool.set(Map.of("cpu", 64, TYPE, 1));

        JsonPath refused = JsonPath.from(given().contentType(ContentType.JSON).body(Map.of("runtime_type", TYPE))
                .post("/api/jotter/runtimes").then().statusCode(503).extract().asString());

        assertEquals("This GPU runtime found no usable GPU, so it did not start (nothing was charged): no GPU was"
                + " assigned to this runtime (CUDA_VISIBLE_DEVICES is empty): this server found no GPU of this type"
                + " to give it.", refused.getString("message"));
        given().get("/api/jotter/runtime-types").then()
                .body("find { it.name == '" + TYPE + "' }.in_use", equalTo(0));
        JsonPath usage = JsonPath.from(given().get("/api/jotter/usage").then().statusCode(200).extract().asString());
        List<Map<String, Object>> entries = usage.getList("ledger.findAll { it.runtime_type == '" + TYPE + "' }");
        Map<String, Object> refund = entries.stream().filter(e -> "refund".equals(e.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no refund in " + usage.prettify()));
        assertEquals("refunded: the runtime could not start: it found no usable GPU", refund.get("reason"));
        String runtime = (String) refund.get("runtime_id");
        Map<String, Object> meter = entries.stream()
                .filter(e -> "meter".equals(e.get("kind")) && runtime.equals(e.get("runtime_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no metering of " + runtime + " in " + usage.prettify()));
        assertEquals(0, ((Number) meter.get("compute_units")).doubleValue()
                + ((Number) refund.get("compute_units")).doubleValue(), 1e-9, "all of it refunded");
        assertTrue(given().get("/api/jotter/runtimes").then().extract().<List<String>>path("id").stream()
                .noneMatch(runtime::equals), "no runtime is left running");
    }
}
