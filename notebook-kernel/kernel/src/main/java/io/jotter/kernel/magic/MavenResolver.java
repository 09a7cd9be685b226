package io.jotter.kernel.magic;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.aether.RepositoryException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;

/**
 * Resolves Maven coordinates, with everything they need at run time, to jar files in a local
 * repository, downloading from Maven Central (or another repository) what is missing. The
 * same selection Maven makes for a runtime class path: test, provided and optional
 * dependencies of dependencies are left out, and version conflicts are settled nearest-wins.
 *
 * <p>Maven settings (mirrors, proxies) are not read. Quiet: no transfer listener is attached
 * and the resolver logs through slf4j, which the kernel binds to nop.
 */
public final class MavenResolver implements AutoCloseable {
    public static final URI MAVEN_CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");
    /** A system property, then an environment variable, naming a repository to use instead of Central. */
    public static final String REPOSITORY_PROPERTY = "jotter.maven.repository";
    public static final String REPOSITORY_ENV = "JOTTER_MAVEN_REPOSITORY";
    /** "true" in the system property or environment variable: resolve from the local repository only. */
    public static final String OFFLINE_PROPERTY = "jotter.maven.offline";
    public static final String OFFLINE_ENV = "JOTTER_MAVEN_OFFLINE";

    private final Path localRepository;
    private final RemoteRepository remote;
    private final String remoteName;
    private final boolean offline;
    /** Built on first use: it wires dozens of components, and most cells never resolve anything. */
    private RepositorySystem system;

    /** Resolves from Maven Central into {@code localRepository}, typically {@code ~/.m2/repository}. */
    public MavenResolver(Path localRepository) {
        this(localRepository, MAVEN_CENTRAL, false);
    }

    public MavenResolver(Path localRepository, URI remoteRepository, boolean offline) {
        this.localRepository = Objects.requireNonNull(localRepository, "localRepository");
        // Id "central" lets artifacts Maven itself downloaded into the same local repository count as found.
        this.remote = new RemoteRepository.Builder("central", "default", remoteRepository.toString()).build();
        this.remoteName = remoteRepository.equals(MAVEN_CENTRAL) ? "Maven Central" : remoteRepository.toString();
        this.offline = offline;
    }

    /**
     * Like {@link #MavenResolver(Path)}, honouring {@value #REPOSITORY_PROPERTY} and
     * {@value #OFFLINE_PROPERTY} (or their environment variables).
     */
    public static MavenResolver fromEnvironment(Path localRepository) {
        String repository = setting(REPOSITORY_PROPERTY, REPOSITORY_ENV);
        return new MavenResolver(localRepository,
                repository == null || repository.isBlank() ? MAVEN_CENTRAL : URI.create(repository),
                Boolean.parseBoolean(setting(OFFLINE_PROPERTY, OFFLINE_ENV)));
    }

    /**
     * The jar files of {@code coordinates} and of everything it needs at run time, in
     * resolution order: the artifact itself first, then its dependencies in the order Maven 3
     * puts them on a class path.
     *
     * @param coordinates {@code group:artifact:version} or
     *     {@code group:artifact:extension[:classifier]:version}
     */
    public synchronized List<Path> resolve(String coordinates) throws MavenResolutionException {
        String trimmed = coordinates == null ? "" : coordinates.strip();
        Artifact artifact = parse(trimmed);
        CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.COMPILE), List.of(remote));
        DependencyRequest request =
                new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try (CloseableSession session = newSession()) {
            List<Path> files = new ArrayList<>();
            for (ArtifactResult result : system().resolveDependencies(session, request).getArtifactResults()) {
                if (result.getArtifact() != null && result.getArtifact().getPath() != null) {
                    files.add(result.getArtifact().getPath());
                }
            }
            return files;
        } catch (RepositoryException e) {
            throw translate(trimmed, artifact, e);
        }
    }

    @Override
    public synchronized void close() {
        if (system != null) {
            system.shutdown();
            system = null;
        }
    }

    private static Artifact parse(String coordinates) throws MavenResolutionException {
        try {
            return new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw MavenResolutionException.malformed(coordinates);
        }
    }

    private RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }

    private CloseableSession newSession() {
        return new SessionBuilderSupplier(system()).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setOffline(offline)
                // Remember nothing about failures: after a typo is fixed or the network is back, try again.
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(
                        ResolutionErrorPolicy.CACHE_DISABLED, ResolutionErrorPolicy.CACHE_DISABLED))
                .setSystemProperties(System.getProperties())
                .build();
    }

    /** The first missing artifact wins over transfer errors: "not found" is what the student can act on. */
    private MavenResolutionException translate(String coordinates, Artifact requested, RepositoryException error) {
        List<Throwable> causes = causesOf(error);
        for (Throwable cause : causes) {
            if (cause instanceof ArtifactNotFoundException notFound && notFound.getArtifact() != null) {
                Artifact missing = notFound.getArtifact();
                // The requested artifact's POM or jar: name it as the student typed it.
                boolean isRequested = missing.getGroupId().equals(requested.getGroupId())
                        && missing.getArtifactId().equals(requested.getArtifactId())
                        && missing.getVersion().equals(requested.getVersion());
                return MavenResolutionException.notFound(coordinates, isRequested ? null : describe(missing),
                        offline ? "the local repository (offline mode)" : remoteName,
                        error);
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof ArtifactTransferException || cause instanceof IOException) {
                return MavenResolutionException.network(coordinates, remoteName, cause);
            }
        }
        return MavenResolutionException.other(coordinates, error);
    }

    /** Every exception the resolver reported, including those it keeps in its partial results. */
    private static List<Throwable> causesOf(Throwable error) {
        List<Throwable> all = new ArrayList<>();
        // A list, not an ArrayDeque: causes and results hold nulls.
        List<Throwable> pending = new ArrayList<>(List.of(error));
        Set<Throwable> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Throwable current = pending.remove(0);
            if (current == null || !seen.add(current)) {
                continue;
            }
            all.add(current);
            pending.add(current.getCause());
            pending.addAll(List.of(current.getSuppressed()));
            if (current instanceof DependencyResolutionException e && e.getResult() != null) {
                pending.addAll(e.getResult().getCollectExceptions());
                e.getResult().getArtifactResults().forEach(r -> pending.addAll(r.getExceptions()));
            } else if (current instanceof DependencyCollectionException e && e.getResult() != null) {
                pending.addAll(e.getResult().getExceptions());
            } else if (current instanceof ArtifactResolutionException e) {
                e.getResults().forEach(r -> pending.addAll(r.getExceptions()));
            }
        }
        return all;
    }

    /** group:artifact:version, with extension and classifier only when they are not the plain jar. */
    private static String describe(Artifact artifact) {
        String classifier = artifact.getClassifier().isEmpty() ? "" : ":" + artifact.getClassifier();
        String middle = "jar".equals(artifact.getExtension()) && classifier.isEmpty() ? ""
                : ":" + artifact.getExtension() + classifier;
        return artifact.getGroupId() + ":" + artifact.getArtifactId() + middle + ":" + artifact.getVersion();
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }
}
