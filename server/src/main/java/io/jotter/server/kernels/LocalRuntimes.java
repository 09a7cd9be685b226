package io.jotter.server.kernels;

import io.jotter.scheduler.local.LocalProcessBackend;
import io.jotter.scheduler.local.OsUserIsolation;
import io.jotter.scheduler.runtime.RuntimeBackend;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Kernels run as local processes, their connection files and logs in Jotter's runtime folder; with
 * {@code jotter.kernels.isolation=os-users}, each account's as an OS user of its own.
 */
public class LocalRuntimes {
    private static final Logger LOG = Logger.getLogger(LocalRuntimes.class);

    @Produces
    @Singleton
    RuntimeBackend backend(Clock clock, KernelsConfig config,
                           @ConfigProperty(name = "jotter.runtime-dir") String runtimeDir) {
        if (!config.isolated() && !"none".equals(config.isolation())) {
            throw new IllegalStateException("jotter.kernels.isolation is os-users or none, not " + config.isolation());
        }
        OsUserIsolation isolation = config.isolated() ? OsUserIsolation.create(Path.of(config.usersDir())) : null;
        if (isolation != null) {
            LOG.info(isolation.describe());
        }
        return new LocalProcessBackend(Path.of(runtimeDir), clock, Duration.ofSeconds(5), isolation);
    }
}
