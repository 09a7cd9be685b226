package io.jotter.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.tensorflow.types.TFloat32;

/**
 * The epoch loop of {@code fit}: shuffles, runs one optimizer step per batch, averages the loss and
 * metrics over the epoch, evaluates the validation split, and reports to the progress view. Checks
 * for a stop before each batch, so an interrupt leaves the weights of the last whole step.
 */
final class Trainer {
    /** Batches for evaluation: larger than training's, since nothing is updated in between. */
    static final int EVALUATION_BATCH = 256;

    private final ModelGraph graph;
    private final List<String> keys;
    private final TrainingProgress progress;

    Trainer(ModelGraph graph, List<String> keys, TrainingProgress progress) {
        this.graph = graph;
        this.keys = keys;
        this.progress = progress;
    }

    History train(Data data, int epochs, int batchSize, long seed, BooleanSupplier stopRequested, History history) {
        Samples x = data.x();
        Samples y = data.y();
        int samples = x.count();
        int batches = (samples + batchSize - 1) / batchSize;
        progress.started(samples, data.validationX() == null ? 0 : data.validationX().count());
        Random random = new Random(seed);
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        String outcome = "Done";
        epochs:
        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffle(order, random);
            long epochStart = System.nanoTime();
            double[] sums = new double[keys.size()];
            int seen = 0;
            for (int batch = 0; batch < batches; batch++) {
                if (stopRequested.getAsBoolean()) {
                    String where = "epoch " + epoch + ", batch " + (batch + 1) + " of " + batches;
                    history.stopped(where);
                    outcome = "Interrupted at " + where + "; the model keeps the weights learned so far";
                    break epochs;
                }
                int from = batch * batchSize;
                int to = Math.min(samples, from + batchSize);
                double[] values;
                try (TFloat32 xBatch = x.batch(order, from, to); TFloat32 yBatch = y.batch(order, from, to)) {
                    values = graph.trainStep(xBatch, yBatch);
                }
                for (int i = 0; i < values.length; i++) {
                    sums[i] += values[i] * (to - from);
                }
                seen += to - from;
                progress.batchEnded(epoch, batch + 1, averages(keys, sums, seen));
            }
            Map<String, Double> logs = averages(keys, sums, seen);
            if (data.validationX() != null) {
                evaluate(graph, keys, data.validationX(), data.validationY())
                        .forEach((key, value) -> logs.put("val_" + key, value));
            }
            history.addEpoch(logs);
            progress.epochEnded(epoch, logs, System.nanoTime() - epochStart);
        }
        progress.finished(outcome);
        return history;
    }

    /** The loss and metrics over all of {@code x}, weighted by batch size, so they equal the whole set's means. */
    static Map<String, Double> evaluate(ModelGraph graph, List<String> keys, Samples x, Samples y) {
        double[] sums = new double[keys.size()];
        int samples = x.count();
        for (int from = 0; from < samples; from += EVALUATION_BATCH) {
            int to = Math.min(samples, from + EVALUATION_BATCH);
            try (TFloat32 xBatch = x.batch(from, to); TFloat32 yBatch = y.batch(from, to)) {
                double[] values = graph.evaluateStep(xBatch, yBatch);
                for (int i = 0; i < values.length; i++) {
                    sums[i] += values[i] * (to - from);
                }
            }
        }
        return averages(keys, sums, samples);
    }

    private static Map<String, Double> averages(List<String> keys, double[] sums, int samples) {
        Map<String, Double> averages = new LinkedHashMap<>();
        if (samples == 0) {
            return averages;
        }
        for (int i = 0; i < keys.size(); i++) {
            averages.put(keys.get(i), sums[i] / samples);
        }
        return averages;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** The training samples and the validation split (null when there is none). */
    record Data(Samples x, Samples y, Samples validationX, Samples validationY) {
    }

    static List<String> keys(Compilation compilation) {
        List<String> keys = new ArrayList<>();
        keys.add("loss");
        compilation.metrics().forEach(m -> keys.add(m.key()));
        return keys;
    }
}
