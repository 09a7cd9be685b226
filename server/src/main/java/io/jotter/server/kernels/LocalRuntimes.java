package io.jotter.server.kernels;

import io.jotter.scheduler.local.LocalProcessBackend;
import io.jotter.scheduler.runtime.RuntimeBackend;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Kernels run as local processes, their connection files and logs in Jotter's runtime folder. */
public class LocalRuntimes {
    @Produces
    @Singleton
    RuntimeBackend backend(Clock clock,
                           @ConfigProperty(name = "jotter.runtime-dir") String runtimeDir) {
        return new LocalProcessBackend(Path.of(runtimeDir), clock, Duration.ofSeconds(5));
    }
}
