package io.jotter.server.contents;

import io.jotter.server.identity.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import java.util.function.Supplier;

/**
 * Whose tree the contents services work in during this request: the caller's own, except inside
 * {@link #of}, where sharing has already decided that the caller may act on another person's notebook.
 */
@RequestScoped
public class TreeOwner {
    private final CurrentUser user;
    private String borrowed;

    public TreeOwner(CurrentUser user) {
        this.user = user;
    }

    public String name() {
        return borrowed != null ? borrowed : user.name();
    }

    /** Runs {@code action} in {@code owner}'s tree; the caller must have checked that they may. */
    public <T> T of(String owner, Supplier<T> action) {
        String before = borrowed;
        borrowed = owner;
        try {
            return action.get();
        } finally {
            borrowed = before;
        }
    }
}
