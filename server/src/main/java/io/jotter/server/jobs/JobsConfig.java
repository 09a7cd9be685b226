package io.jotter.server.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Training jobs' settings ({@code jotter.jobs.*}). */
@ConfigMapping(prefix = "jotter.jobs")
public interface JobsConfig {
    /** Jobs this server drives at once (waiting for a runtime counts); more wait their turn, queued. */
    @WithDefault("8")
    int concurrency();

    /** A job's time limit when its submission names none; never more than its tier's maximum lifetime. */
    @WithDefault("1h")
    Duration defaultTimeLimit();

    /** How often, at most, a running cell's new outputs are written into the executed notebook. */
    @WithDefault("1s")
    Duration flushInterval();

    /** The most parameter sets one submission may sweep over (one job each). */
    @WithDefault("100")
    int maxSweep();
}
