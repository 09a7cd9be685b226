package io.jotter.kernel;

import java.nio.file.Path;

/** Where the kernel keeps things: Jotter's data directory ({@code JOTTER_HOME}) and Maven's local repository. */
final class JotterPaths {
    static final String JAVACPP_CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private JotterPaths() {
    }

    /** {@code $JOTTER_HOME}, or {@code ~/.local/share/jotter}. */
    static Path home() {
        String env = System.getenv("JOTTER_HOME");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".local", "share", "jotter");
    }

    /**
     * TensorFlow's native libraries unpack to about 650 MB: into one cache in Jotter's data
     * directory that all kernels share, not into each user's home.
     */
    static void configureJavacppCache() {
        if (System.getProperty(JAVACPP_CACHE_PROPERTY) == null) {
            System.setProperty(JAVACPP_CACHE_PROPERTY, home().resolve("javacpp-cache").toString());
        }
    }

    /** {@code $JOTTER_MAVEN_LOCAL_REPO}, or Maven's usual {@code ~/.m2/repository}, shared with Maven itself. */
    static Path mavenRepository() {
        String env = System.getenv("JOTTER_MAVEN_LOCAL_REPO");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
