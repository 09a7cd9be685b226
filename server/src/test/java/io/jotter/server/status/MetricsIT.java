package io.jotter.server.status;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics} in Prometheus's text format, with what an operator watches. */
@QuarkusTest
class MetricsIT {
    private static final Pattern CONFLICTS = Pattern.compile("(?m)^jotter_contents_save_conflicts_total(?:\\{[^}]*\\})? (\\S+)$");

    private static double conflicts() {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = CONFLICTS.matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    @Test
    void showsKernelsRelayedMessagesAndSaveConflicts() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jotter_kernels_running"))
                .body(containsString("jotter_gateway_connections"))
                .body(containsString("jotter_gateway_messages_total"));
        double before = conflicts();
        String path = "metrics-" + UUID.randomUUID() + ".ipynb";
        String save = "{\"type\": \"notebook\", \"format\": \"json\", \"version\": %d, \"content\":"
                + " {\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}}";
        int version = given().contentType(ContentType.JSON).body(save.formatted(0).replace("\"version\": 0, ", ""))
                .when().put("/api/contents/{path}", path).then().statusCode(201).extract().path("version");
        given().contentType(ContentType.JSON).body(save.formatted(version)).when().put("/api/contents/{path}", path)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(save.formatted(version)).when().put("/api/contents/{path}", path)
                .then().statusCode(409);
        assertEquals(before + 1, conflicts(), "the stale save is counted");
    }
}
