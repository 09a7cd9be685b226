package io.jotter.server.runtimes;

import io.jotter.pool.catalog.RuntimeType;
import io.jotter.quota.tiers.Tier;
import java.time.Instant;

/**
 * A runtime admitted and placed: its row holds its place in the pool until it stops.
 *
 * @param runtimeId the runtime's (and its kernel's) id
 * @param tier the tier it was admitted under: its idle timeout applies
 * @param type what it runs on
 * @param stopBy when it must stop: its tier's lifetime, or sooner when quota runs out
 * @param quotaLimited whether quota, not the lifetime, set {@code stopBy}
 * @param gpu the local GPU it holds, for {@code CUDA_VISIBLE_DEVICES}; {@code null} for none
 */
public record Admitted(String runtimeId, Tier tier, RuntimeType type, Instant stopBy, boolean quotaLimited, Integer gpu) {
}
