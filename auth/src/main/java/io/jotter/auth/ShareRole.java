package io.jotter.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a notebook's owner lets someone else do with it, each role including the ones before it. Nobody
 * but the owner runs the owner's notebook: the others run their own copy, in their own runtime.
 */
public enum ShareRole {
    /** Reads the notebook and its outputs, and saves a copy of their own. */
    VIEWER,
    /** And reads and writes comments on its cells. */
    COMMENTER,
    /** And saves changes to it, and sees and restores its revisions. */
    EDITOR;

    /** What a role may be asked to allow. */
    public enum Action { READ, COPY, COMMENT, EDIT, RESTORE }

    public boolean allows(Action action) {
        return switch (action) {
            case READ, COPY -> true;
            case COMMENT -> this != VIEWER;
            case EDIT, RESTORE -> this == EDITOR;
        };
    }

    /** The role's name in the API ({@code viewer}, {@code commenter}, {@code editor}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ShareRole> fromApiName(String name) {
        return Arrays.stream(values()).filter(role -> role.apiName().equals(name)).findFirst();
    }
}
