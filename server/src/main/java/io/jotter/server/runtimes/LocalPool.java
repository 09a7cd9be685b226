package io.jotter.server.runtimes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This machine's capacity by runtime type (configured, plus detected GPUs), and which GPU each accelerator
 * runtime holds, so two kernels never share one ({@code CUDA_VISIBLE_DEVICES}).
 */
public final class LocalPool {
    private final Map<String, Integer> capacity;
    private final List<LocalGpus.Gpu> gpus;
    private final Map<Integer, String> gpuHolders = new ConcurrentHashMap<>();

    LocalPool(Map<String, Integer> configured, List<LocalGpus.Gpu> gpus) {
        Map<String, Integer> total = new HashMap<>(configured);
        gpus.forEach(gpu -> total.merge(gpu.runtimeType(), 1, Integer::sum));
        this.capacity = Map.copyOf(total);
        this.gpus = List.copyOf(gpus);
    }

    /** Runtimes of each type this machine may run at once. */
    public Map<String, Integer> capacity() {
        return capacity;
    }

    /** The GPUs found on this machine. */
    List<LocalGpus.Gpu> gpus() {
        return gpus;
    }

    /** Gives a runtime of this type a free GPU of its model, if the type is one of this machine's GPUs. */
    synchronized Optional<Integer> takeGpu(String runtimeType, String runtimeId) {
        for (LocalGpus.Gpu gpu : gpus) {
            if (gpu.runtimeType().equals(runtimeType) && !gpuHolders.containsKey(gpu.index())) {
                gpuHolders.put(gpu.index(), runtimeId);
                return Optional.of(gpu.index());
            }
        }
        return Optional.empty();
    }

    /**
     * A runtime adopted from another replica on this machine holds a GPU already: marked held, so it goes to no one
     * else. False when this machine has no such GPU, or another runtime holds it.
     */
    synchronized boolean holdGpu(int index, String runtimeId) {
        if (gpus.stream().noneMatch(gpu -> gpu.index() == index)) {
            return false;
        }
        String holder = gpuHolders.putIfAbsent(index, runtimeId);
        return holder == null || holder.equals(runtimeId);
    }

    /** The GPU a runtime (or a warm kernel, under its future runtime's id) holds. */
    Optional<Integer> heldBy(String runtimeId) {
        return gpuHolders.entrySet().stream().filter(e -> e.getValue().equals(runtimeId)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The runtime stopped: its GPU is free again. */
    void releaseGpu(String runtimeId) {
        gpuHolders.values().removeIf(runtimeId::equals);
    }
}
