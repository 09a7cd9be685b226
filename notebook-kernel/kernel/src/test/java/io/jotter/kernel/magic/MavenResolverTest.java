package io.jotter.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the user's local repository and Maven Central: the artifacts used are usually
 * already in {@code ~/.m2}, so only the not-found case needs the network.
 */
class MavenResolverTest {
    private static MavenResolver resolver;

    @BeforeAll
    static void resolver() {
        resolver = new MavenResolver(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    @AfterAll
    static void close() {
        resolver.close();
    }

    @Test
    void resolvesAnArtifactWithoutItsTestDependencies() throws Exception {
        List<Path> jars = resolver.resolve("org.apache.commons:commons-lang3:3.14.0");

        assertEquals(List.of("commons-lang3-3.14.0.jar"), names(jars), "junit and friends are test scope");
        assertTrue(Files.isRegularFile(jars.get(0)));
    }

    @Test
    void resolvesTransitively() throws Exception {
        List<Path> jars = resolver.resolve(" org.apache.commons:commons-text:1.12.0 ");

        assertEquals(List.of("commons-text-1.12.0.jar", "commons-lang3-3.14.0.jar"), names(jars));
    }

    @Test
    void theFullCoordinateFormIsAccepted() throws Exception {
        assertEquals(List.of("commons-lang3-3.14.0.jar"),
                names(resolver.resolve("org.apache.commons:commons-lang3:jar:3.14.0")));
    }

    @Test
    void unknownArtifactsAreNotFound() {
        MavenResolutionException error = assertThrows(MavenResolutionException.class,
                () -> resolver.resolve("org.nope:nope:1.0"));

        assertEquals(MavenResolutionException.Reason.NOT_FOUND, error.reason(), error.getMessage());
        assertEquals("org.nope:nope:1.0 was not found in Maven Central", error.getMessage());
    }

    @Test
    void malformedCoordinatesSayWhatIsExpected() {
        for (String malformed : new String[] {"commons-lang3", "org.apache.commons:commons-lang3", "", "a:b:c:d:e:f"}) {
            MavenResolutionException error = assertThrows(MavenResolutionException.class,
                    () -> resolver.resolve(malformed));
            assertEquals(MavenResolutionException.Reason.MALFORMED, error.reason());
            assertTrue(error.getMessage().contains("expected group:artifact:version"), error.getMessage());
        }
    }

    @Test
    void anUnreachableRepositoryIsANetworkError(@TempDir Path localRepository) {
        try (MavenResolver unreachable = new MavenResolver(localRepository,
                java.net.URI.create("http://127.0.0.1:9/maven2/"), false)) {
            MavenResolutionException error = assertThrows(MavenResolutionException.class,
                    () -> unreachable.resolve("org.apache.commons:commons-lang3:3.14.0"));

            assertEquals(MavenResolutionException.Reason.NETWORK, error.reason(), error.getMessage());
            assertTrue(error.getMessage().startsWith(
                    "Could not download org.apache.commons:commons-lang3:3.14.0 from http://127.0.0.1:9/maven2/"),
                    error.getMessage());
        }
    }

    @Test
    void offlineFindsOnlyWhatIsLocal(@TempDir Path localRepository) {
        try (MavenResolver offline = new MavenResolver(localRepository, MavenResolver.MAVEN_CENTRAL, true)) {
            MavenResolutionException error = assertThrows(MavenResolutionException.class,
                    () -> offline.resolve("org.apache.commons:commons-lang3:3.14.0"));

            assertEquals(MavenResolutionException.Reason.NOT_FOUND, error.reason());
            assertEquals("org.apache.commons:commons-lang3:3.14.0 was not found in the local repository (offline mode)",
                    error.getMessage());
        }
    }

    private static List<String> names(List<Path> jars) {
        return jars.stream().map(jar -> jar.getFileName().toString()).toList();
    }
}
