package io.jotter.server.db;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Work that one replica of the cluster does at a time, with PostgreSQL's advisory locks: no lease to wait out, since
 * a replica that dies loses its connection and PostgreSQL frees its locks with it.
 *
 * <ul>
 *   <li>{@link #tryRun}: one piece of work (dispatching the queue), under a lock taken in a transaction of its own
 *       connection and held while the work runs, so the work's own transactions commit as they go.</li>
 *   <li>{@link #lead}: a standing role (the reservations' readiness checks), held by one replica on a connection
 *       it keeps, until that replica or its connection goes; it stays with one replica, so what the role keeps in
 *       memory (whom it warned) does not move between replicas at every turn.</li>
 * </ul>
 */
@ApplicationScoped
public class ClusterLock {
    private static final Logger LOG = Logger.getLogger(ClusterLock.class);

    private final AgroalDataSource dataSource;
    private final Map<String, Connection> leading = new ConcurrentHashMap<>();

    public ClusterLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} if no other replica (or thread) runs work under the same name now.
     *
     * @return whether it ran: false when another holds the lock
     */
    public boolean tryRun(String name, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection, "select pg_try_advisory_xact_lock(hashtextextended(?, 0))", name)) {
                    return false;
                }
                work.run();
                return true;
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster lock " + name + " could not be taken: " + e.getMessage(), e);
        }
    }

    /**
     * Whether this replica holds the role now: it keeps it once it has it, while its connection lives; otherwise it
     * takes it if nobody holds it. Ask before each turn of the role's work: a replica whose connection broke stops
     * leading at once (and another takes over when PostgreSQL notices the connection is gone).
     */
    public synchronized boolean lead(String name) {
        Connection held = leading.get(name);
        if (held != null) {
            if (valid(held)) {
                return true;
            }
            LOG.warnf("this replica lost the cluster role %s (its database connection broke)", name);
            leading.remove(name);
            release(held);
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (tryLock(connection, "select pg_try_advisory_lock(hashtextextended(?, 0))", name)) {
                leading.put(name, connection);
                LOG.infof("this replica took the cluster role %s", name);
                return true;
            }
        } catch (SQLException e) {
            LOG.warnf("the cluster role %s could not be asked for: %s", name, e.getMessage());
        }
        close(connection);
        return false;
    }

    /** Gives up every role this replica holds (it stops). */
    @PreDestroy
    synchronized void resign() {
        leading.values().forEach(ClusterLock::release);
        leading.clear();
    }

    /** A role's connection goes back to the pool, its session (and a session's locks) with it: unlock first. */
    private static void release(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock_all()")) {
            unlock.execute();
        } catch (SQLException e) {
            LOG.debugf("unlocking a cluster role: %s", e.getMessage());
        }
        close(connection);
    }

    private static boolean valid(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debugf("closing a cluster lock's connection: %s", e.getMessage());
        }
    }

    private static boolean tryLock(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "jotter:" + name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
