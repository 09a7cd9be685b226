package io.jotter.server.kernelspecs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KernelSpecsResourceIT {
    @Test
    void listsTheJavaKernelAsDefaultAndTheMachinesOwnKernels() {
        given().when().get("/api/kernelspecs").then()
                .statusCode(200)
                .body("default", equalTo("jotter-java"))
                .body("kernelspecs.jotter-java.name", equalTo("jotter-java"))
                .body("kernelspecs.jotter-java.spec.display_name", equalTo("Java (Jotter)"))
                .body("kernelspecs.jotter-java.spec.language", equalTo("java"))
                .body("kernelspecs.jotter-java.spec.interrupt_mode", equalTo("message"))
                .body("kernelspecs.jotter-java.spec.argv[0]", endsWith("notebook-kernel/kernel/bin/jotter-kernel"))
                .body("kernelspecs.jotter-java.spec.argv[1]", equalTo("{connection_file}"))
                // Debian's ipykernel, which ./jotter test installs, puts its spec in /usr/share/jupyter.
                .body("kernelspecs.python3.spec.language", equalTo("python"));
    }

    @Test
    void oneKernelSpecByNameAndA404ForAnUnknownOne() {
        given().when().get("/api/kernelspecs/jotter-java").then()
                .statusCode(200)
                .body("spec.language", equalTo("java"));
        given().when().get("/api/kernelspecs/no-such-kernel").then()
                .statusCode(404);
    }
}
