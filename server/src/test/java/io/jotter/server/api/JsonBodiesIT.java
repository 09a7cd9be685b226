package io.jotter.server.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Bodies as {@code @jupyterlab/services} sends them: JSON labelled {@code text/plain;charset=UTF-8} by
 * {@code fetch}. An unknown kernel name makes each request fail cheaply, after its body was read.
 */
@QuarkusTest
class JsonBodiesIT {
    private static final String AS_FETCH_LABELS_A_STRING = "text/plain;charset=UTF-8";

    @Test
    void aSessionRequestLabelledPlainTextIsReadAsJson() {
        given().contentType(AS_FETCH_LABELS_A_STRING)
                .body("{\"path\": \"x.ipynb\", \"type\": \"notebook\", \"kernel\": {\"name\": \"cobol\"}}")
                .when().post("/api/sessions")
                .then().statusCode(400).body("message", equalTo("no kernel spec named cobol; GET /api/kernelspecs lists them"));
    }

    @Test
    void aKernelRequestLabelledPlainTextIsReadAsJson() {
        given().contentType(AS_FETCH_LABELS_A_STRING).body("{\"name\": \"cobol\"}")
                .when().post("/api/kernels")
                .then().statusCode(400).body("message", equalTo("no kernel spec named cobol; GET /api/kernelspecs lists them"));
    }
}
