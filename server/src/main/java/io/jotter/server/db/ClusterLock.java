package io.jotter.server.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Work that one replica of the cluster does at a time (dispatching the queue): a PostgreSQL advisory lock, taken
 * in a transaction of its own connection and held while the work runs, so the work's own transactions commit as
 * they go. A replica that dies mid-work loses its connection, and PostgreSQL frees the lock with it: no lease to
 * wait out.
 */
@ApplicationScoped
public class ClusterLock {
    private final AgroalDataSource dataSource;

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
                if (!tryLock(connection, name)) {
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

    private static boolean tryLock(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
            statement.setString(1, "jotter:" + name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
