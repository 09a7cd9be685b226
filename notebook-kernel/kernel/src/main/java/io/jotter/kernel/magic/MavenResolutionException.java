package io.jotter.kernel.magic;

/**
 * Why a dependency could not be resolved, with a message fit to show a student as is (no
 * stack trace needed). {@link #reason()} tells the kinds apart for callers and tests.
 */
public final class MavenResolutionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, from the student's point of view. */
    public enum Reason {
        /** The coordinates do not parse: a typo the student can fix in the cell. */
        MALFORMED,
        /** The artifact, or one it needs, does not exist in the repository. */
        NOT_FOUND,
        /** The repository could not be reached or a download failed; retrying may help. */
        NETWORK,
        /** Anything else the resolver reported, e.g. an invalid POM. */
        OTHER
    }

    private final Reason reason;

    private MavenResolutionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static MavenResolutionException malformed(String coordinates) {
        return new MavenResolutionException(Reason.MALFORMED, "\"" + coordinates
                + "\" is not a Maven coordinate: expected group:artifact:version,"
                + " e.g. org.apache.commons:commons-lang3:3.14.0", null);
    }

    /** @param missingDependency a dependency of {@code coordinates} that is missing, or null if it is itself */
    static MavenResolutionException notFound(String coordinates, String missingDependency, String repository,
            Throwable cause) {
        String what = missingDependency == null ? coordinates : missingDependency + " (needed by " + coordinates + ")";
        return new MavenResolutionException(Reason.NOT_FOUND, what + " was not found in " + repository, cause);
    }

    static MavenResolutionException network(String coordinates, String repository, Throwable cause) {
        return new MavenResolutionException(Reason.NETWORK, "Could not download " + coordinates + " from "
                + repository + ": " + rootMessage(cause) + ". Check the network connection and try again.", cause);
    }

    static MavenResolutionException other(String coordinates, Throwable cause) {
        return new MavenResolutionException(Reason.OTHER, "Could not resolve " + coordinates + ": "
                + cause.getMessage(), cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
