package io.jotter.server.identity;

import io.jotter.auth.Account;
import io.jotter.auth.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The {@code users} table: a row per person who signed in, made on their first request and refreshed
 * once per server process (the token's claims are the source of truth; the row lets the rest of
 * Jotter name people who are not signed in right now, to share with them, say).
 */
@ApplicationScoped
public class Accounts {
    private final EntityManager entities;
    /** Subjects recorded by this process, so a request costs a query only the first time. */
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    public Accounts(EntityManager entities) {
        this.entities = entities;
    }

    /** True when {@link #record} failed because another subject holds the username. */
    static boolean isUsernameTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("users_username_key")) {
                return true;
            }
        }
        return false;
    }

    /** True when someone with this username has signed in at least once. */
    @Transactional
    public boolean exists(String username) {
        return !entities.createNativeQuery("select 1 from users where username = ?1").setParameter(1, username)
                .getResultList().isEmpty();
    }

    /** True when the account still has to be recorded by {@link #record}. */
    boolean isNew(Account account) {
        return !recorded.contains(account.subject());
    }

    /**
     * Records the account; blocking. A new subject whose username an earlier account holds is refused:
     * the username owns that account's notebooks, and a recreated login must not inherit them.
     */
    @Transactional
    public void record(Account account) {
        String roles = account.roles().stream().map(Role::realmName).sorted().collect(Collectors.joining(","));
        int rows = entities.createNativeQuery("""
                        insert into users (subject, username, display_name, email, roles)
                        values (?1, ?2, ?3, ?4, coalesce(string_to_array(?5, ','), '{}'))
                        on conflict (subject) do update set username = excluded.username,
                            display_name = excluded.display_name, email = excluded.email,
                            roles = excluded.roles, last_seen_at = now()
                        """)
                .setParameter(1, account.subject()).setParameter(2, account.username())
                .setParameter(3, account.displayName()).setParameter(4, account.email())
                .setParameter(5, roles.isEmpty() ? null : roles)
                .executeUpdate();
        if (rows != 1) {
            throw new IllegalStateException("recording account " + account.username() + " changed " + rows + " rows");
        }
        recorded.add(account.subject());
    }
}
