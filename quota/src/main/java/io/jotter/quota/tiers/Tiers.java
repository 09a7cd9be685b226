package io.jotter.quota.tiers;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tiers an installation sells and grants, by name. */
public final class Tiers {
    public static final String FREE = "free";
    public static final String PRO = "pro";
    public static final String PRO_PLUS = "pro-plus";
    public static final String COURSE = "course";

    private final Map<String, Tier> byName;

    public Tiers(Collection<Tier> tiers) {
        Map<String, Tier> map = new LinkedHashMap<>();
        tiers.forEach(tier -> map.put(tier.name(), tier));
        if (!map.containsKey(FREE)) {
            throw new IllegalArgumentException("there must be a free tier: it is everyone's without another");
        }
        this.byName = map;
    }

    /**
     * Defaults near what hosted notebooks publish: free runtimes idle out after 90 minutes and live 12 hours,
     * with 30 GPU hours a week (Kaggle's figure); paid ones live 24 hours, and Pro grants 100 compute units a
     * month, Pro+ 500, each usable for 90 days (Colab's figures). Course students get a course's capacity at
     * free-tier limits, ahead of free users in the queue.
     */
    public static Tiers defaults() {
        Duration idle = Duration.ofMinutes(90);
        return new Tiers(List.of(
                new Tier(FREE, Set.of("cpu", "gpu-t4"), 2, idle, Duration.ofHours(12), Duration.ofHours(30), null,
                        null, 0, false),
                new Tier(COURSE, Set.of("cpu", "cpu-highmem", "gpu-t4", "gpu-l4"), 2, idle, Duration.ofHours(12),
                        Duration.ofHours(30), null, null, 5, false),
                new Tier(PRO, Set.of("cpu", "cpu-highmem", "gpu-t4", "gpu-l4", "gpu-a100"), 3, idle,
                        Duration.ofHours(24), null, new BigDecimal("100"), Duration.ofDays(90), 10, true),
                new Tier(PRO_PLUS, Set.of("cpu", "cpu-highmem", "gpu-t4", "gpu-l4", "gpu-a100", "gpu-h100"),
                        5, idle, Duration.ofHours(24), null, new BigDecimal("500"), Duration.ofDays(90), 20, true)));
    }

    public Optional<Tier> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The named tier, or free when there is no such tier (a tier removed from configuration). */
    public Tier getOrFree(String name) {
        return find(name).orElse(byName.get(FREE));
    }

    public Tier free() {
        return byName.get(FREE);
    }

    public List<Tier> all() {
        return List.copyOf(byName.values());
    }

    /** These tiers with {@code replacements} taking the place of same-named ones and new ones added. */
    public Tiers with(Collection<Tier> replacements) {
        Map<String, Tier> merged = new LinkedHashMap<>(byName);
        replacements.forEach(tier -> merged.put(tier.name(), tier));
        return new Tiers(merged.values());
    }
}
