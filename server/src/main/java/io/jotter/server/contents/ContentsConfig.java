package io.jotter.server.contents;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code jotter.contents.*}: limits and retention of the contents store. */
@ConfigMapping(prefix = "jotter.contents")
public interface ContentsConfig {
    /** The largest notebook (as JSON) or file stored; a bigger save is refused with 413. */
    @WithDefault("64M")
    MemorySize maxSize();

    /** How many automatic revisions (one per save) to keep per notebook or file; checkpoints are not counted. */
    @WithDefault("50")
    int autoRevisions();

    /**
     * Whether DELETE removes a directory that still has entries. Jupyter Server's default (without a
     * trash) refuses it with 400; this is its {@code always_delete_dir}.
     */
    @WithDefault("false")
    boolean alwaysDeleteDir();
}
