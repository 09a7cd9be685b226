package io.jotter.server.runtimes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The accelerator pool on this server: capacity per runtime type and the reservation rules. */
@ConfigMapping(prefix = "jotter.pool")
public interface PoolConfig {
    /**
     * How many runtimes of each type may run at once, by type name ({@code jotter.pool.capacity.cpu=8}). The
     * local backend adds the GPUs it can see to the type they match.
     */
    Map<String, Integer> capacity();

    /**
     * Warm kernels kept started per runtime type ({@code jotter.pool.warm.gpu-t4=1}); the default type's count is
     * {@code jotter.kernels.warm-pool}. A warm GPU kernel holds its device while it waits.
     */
    Map<String, Integer> warm();

    /** The runtime type of a kernel started without one (Jupyter's own API, the warm pool). */
    @WithDefault("cpu")
    String defaultType();

    /** The share of a type's capacity that reservations may book; the rest stays for those who come on the day. */
    @WithDefault("0.5")
    double reservableShare();

    /** How long after a reservation's start its unclaimed runtimes stay held for its holder. */
    @WithDefault("15m")
    Duration reservationGrace();

    /** How long a free-tier accelerator runtime taken back for a paying user runs on after its warning. */
    @WithDefault("2m")
    Duration preemptionGrace();

    /** The longest window one reservation may cover. */
    @WithDefault("24h")
    Duration maxReservation();

    /** How far ahead a reservation may start. */
    @WithDefault("28d")
    Duration bookAhead();

    /**
     * GPU runtime types whose kernels run TensorFlow's CPU build instead ({@code jotter.pool.cpu-stand-ins=gpu-t4}),
     * for trying Jotter's GPU flows (tiers, queues, reservations) on a machine without a GPU, and for tests. Any
     * other GPU type's kernel refuses to start without a usable GPU, and its runtime is refunded: none is
     * silently a CPU.
     */
    Optional<Set<String>> cpuStandIns();

    /** Whether to look for NVIDIA GPUs with {@code nvidia-smi} and offer them (local backend). */
    @WithDefault("true")
    boolean detectGpus();
}
