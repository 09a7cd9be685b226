package io.jotter.server.status;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatusResourceIT {
    @Test
    void answersInJupyterServersShape() {
        given().when().get("/api/status").then()
                .statusCode(200)
                .body("started", notNullValue())
                .body("last_activity", notNullValue())
                .body("connections", equalTo(0))
                .body("kernels", equalTo(0));
    }

    @Test
    void isHealthyWithItsDatabase() {
        given().when().get("/q/health").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("Database connections health check"));
    }
}
