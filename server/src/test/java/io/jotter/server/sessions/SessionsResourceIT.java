package io.jotter.server.sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionsResourceIT {
    private static String create(String path) {
        return given().contentType(ContentType.JSON)
                .body("{\"path\": \"" + path + "\", \"name\": \"hw.ipynb\", \"type\": \"notebook\", "
                        + "\"kernel\": {\"name\": \"jotter-java\"}}")
                .when().post("/api/sessions")
                .then().statusCode(201)
                .body("path", equalTo(path))
                .body("type", equalTo("notebook"))
                .body("kernel.name", equalTo("jotter-java"))
                .extract().path("id");
    }

    @Test
    void opensANotebookOnAKernelReusesItRenamesItAndShutsItDown() {
        String id = create("week1/hw.ipynb");
        String kernelId = given().when().get("/api/sessions/" + id).then().statusCode(200).extract().path("kernel.id");
        given().when().get("/api/kernels").then().body("id", hasItem(kernelId));

        // A second tab opening the same notebook joins the same session and kernel.
        given().contentType(ContentType.JSON)
                .body("{\"path\": \"week1/hw.ipynb\", \"type\": \"notebook\", \"kernel\": {\"name\": \"jotter-java\"}}")
                .when().post("/api/sessions")
                .then().statusCode(201).body("id", equalTo(id)).body("kernel.id", equalTo(kernelId));

        given().contentType(ContentType.JSON).body("{\"path\": \"week1/final.ipynb\", \"name\": \"final.ipynb\"}")
                .when().patch("/api/sessions/" + id)
                .then().statusCode(200).body("path", equalTo("week1/final.ipynb")).body("kernel.id", equalTo(kernelId));

        given().when().delete("/api/sessions/" + id).then().statusCode(204);
        given().when().get("/api/sessions/" + id).then().statusCode(404);
        given().when().get("/api/kernels").then().body("id", not(hasItem(kernelId)));
        given().when().get("/api/sessions").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void aSessionNeedsAPathAndAKnownKernel() {
        given().contentType(ContentType.JSON).body("{\"type\": \"notebook\"}")
                .when().post("/api/sessions").then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"path\": \"x.ipynb\", \"kernel\": {\"name\": \"cobol\"}}")
                .when().post("/api/sessions").then().statusCode(400)
                .body("message", equalTo("no kernel spec named cobol; GET /api/kernelspecs lists them"));
    }
}
