package io.jotter.server.home;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The browser notebook's page at each of its routes, and its hashed assets, served from the frontend jar. */
@QuarkusTest
class RootPageIT {
    @Test
    void everyRouteOfTheAppServesItsPage() {
        for (String route : new String[] {"/", "/tree", "/tree/course/week%201", "/notebooks/course/Untitled.ipynb",
            "/courses", "/courses/12/assignments/3/submissions/4"}) {
            given().accept("text/html").when().get(route).then().statusCode(200)
                    .contentType(containsString("text/html")).header("Cache-Control", containsString("no-cache"))
                    .body(containsString("<div id=\"app\">"));
        }
    }

    @Test
    void theAppsScriptIsServedAndCachedForGood() {
        String page = given().when().get("/").then().statusCode(200).extract().asString();
        String script = page.replaceFirst("(?s).*<script type=\"module\" crossorigin src=\"([^\"]+)\".*", "$1");
        given().when().get(script).then().statusCode(200)
                .header("Cache-Control", containsString("immutable"))
                .contentType(matchesPattern(".*javascript.*"));
    }
}
