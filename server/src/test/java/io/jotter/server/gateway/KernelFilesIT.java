package io.jotter.server.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jotter.server.TestAuth;
import io.jotter.server.kernels.KernelFileAccess;
import io.jotter.server.kernels.KernelFilesResource;
import io.jotter.server.kernels.KernelRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A cell reads a file its owner uploaded (which lives in PostgreSQL, not on the kernel's disk) by its
 * path, through the secret the kernel was started with; the secret opens nothing else.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelFilesIT {
    @Inject
    KernelRegistry registry;

    @Inject
    KernelFileAccess access;

    @TestHTTPResource("/")
    URI base;

    private final String folder = "data-" + UUID.randomUUID();
    private String kernelId;

    @BeforeAll
    void uploadAFileAndStartAKernel() {
        api().contentType("application/json").body(Map.of("type", "directory"))
                .put("/api/contents/" + folder).then().statusCode(201);
        api().contentType("application/json").body(Map.of("type", "file", "format", "text",
                "content", "size,weight,kind\n1,2,cat\n3,4,dog\n5,6,cat\n")).put("/api/contents/" + folder + "/pets.csv")
                .then().statusCode(201);
        kernelId = registry.start("jotter-java", "jotter").id();
    }

    /** RestAssured learns the test server's port only once a test method runs: set here for the set-up. */
    private RequestSpecification api() {
        return given().baseUri("http://" + base.getHost()).port(base.getPort()).header("Authorization", TestAuth.AUTHORIZATION);
    }

    @AfterAll
    void stopIt() {
        registry.shutdown(kernelId);
    }

    @Test
    void aCellReadsAnUploadedCsvByItsPath() throws Exception {
        try (KernelSocket client = KernelSocket.connect(base, kernelId, UUID.randomUUID().toString())) {
            String msgId = client.execute("var pets = io.jotter.learn.Datasets.csv(\"" + folder + "/pets.csv\", \"kind\");\n"
                    + "System.out.println(pets.size() + \" \" + pets.classNames());", "c1");
            String printed = KernelSocket.streamText(client.untilDone(msgId, Duration.ofSeconds(90)));
            assertEquals("3 [cat, dog]\n", printed);
        }
    }

    @Test
    void theKernelsSecretListsAndReadsItsOwnersFilesOnly() {
        Map<String, String> env = access.environment(kernelId);
        given().header(KernelFilesResource.KERNEL_HEADER, kernelId)
                .header(KernelFilesResource.TOKEN_HEADER, env.get(KernelFileAccess.TOKEN_ENV))
                .get("/api/jotter/kernel-files/" + folder).then().statusCode(200)
                .header(KernelFilesResource.KIND_HEADER, "directory").body(containsString("file\tpets.csv"));
        given().header(KernelFilesResource.KERNEL_HEADER, kernelId)
                .header(KernelFilesResource.TOKEN_HEADER, env.get(KernelFileAccess.TOKEN_ENV) + "0")
                .get("/api/jotter/kernel-files/" + folder + "/pets.csv").then().statusCode(401);
        // A secret for a kernel that is not running (or another id) opens nothing.
        String other = "not-running-" + UUID.randomUUID();
        given().header(KernelFilesResource.KERNEL_HEADER, other)
                .header(KernelFilesResource.TOKEN_HEADER, access.environment(other).get(KernelFileAccess.TOKEN_ENV))
                .get("/api/jotter/kernel-files/" + folder + "/pets.csv").then().statusCode(401);
    }
}
