package io.jotter.server.runtimes;

import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The NVIDIA GPUs this machine has, as {@code nvidia-smi} lists them, each matched to the catalog's type for its
 * model (an H200 runs as gpu-h100, the nearest type offered). The local backend gives each GPU runtime one of them.
 */
final class LocalGpus {
    /** One GPU: its index for {@code CUDA_VISIBLE_DEVICES}, its model name, and the runtime type it serves. */
    record Gpu(int index, String model, String runtimeType) {
    }

    private LocalGpus() {
    }

    /** The machine's GPUs; none when {@code nvidia-smi} is missing or fails. */
    static List<Gpu> detect(RuntimeCatalog catalog) {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return List.of();
            }
            return parse(out, catalog);
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Reads {@code nvidia-smi --query-gpu=index,name --format=csv,noheader}. */
    static List<Gpu> parse(String csv, RuntimeCatalog catalog) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] fields = line.split(",", 2);
            if (fields.length == 2 && fields[0].trim().matches("\\d+")) {
                String model = fields[1].trim();
                typeFor(model, catalog).ifPresent(type ->
                        gpus.add(new Gpu(Integer.parseInt(fields[0].trim()), model, type.name())));
            }
        }
        return gpus;
    }

    private static Optional<RuntimeType> typeFor(String model, RuntimeCatalog catalog) {
        String m = model.toUpperCase(Locale.ROOT);
        String type = m.contains("H100") || m.contains("H200") ? "gpu-h100"
                : m.contains("A100") ? "gpu-a100"
                : m.contains("L4") ? "gpu-l4"
                : "gpu-t4";
        return catalog.find(type);
    }
}
