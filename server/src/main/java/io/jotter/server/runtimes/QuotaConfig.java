package io.jotter.server.runtimes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How quota is applied on this server. */
@ConfigMapping(prefix = "jotter.quota")
public interface QuotaConfig {
    /** The tier of an account no admin has placed in another. */
    @WithDefault("free")
    String defaultTier();

    /**
     * The tier of the one user of a single-user server (a laptop, token mode): its own machine, so by default
     * every type it has, as many at once as it likes (the {@code local} tier in application.properties).
     */
    @WithDefault("local")
    String singleUserTier();

    /** The least quota time a new runtime must have ahead of it. */
    @WithDefault("10m")
    Duration minimumRunway();
}
