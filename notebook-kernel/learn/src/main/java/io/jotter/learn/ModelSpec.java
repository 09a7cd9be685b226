package io.jotter.learn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's architecture and compilation as text, saved beside its SavedModel in
 * {@code assets.extra/jotter-model.txt} (the folder TensorFlow leaves to applications), so
 * {@link Sequential#load} can rebuild a trainable model, not only a function that predicts.
 *
 * <pre>
 * jotter-learn-model 1
 * input (64)
 * seed 42
 * layer dense_1 dense trainable=true units=64 activation=relu
 * compile adam:0.001:0.0 sparse_categorical_crossentropy accuracy
 * </pre>
 *
 * <p>A mixed-precision model's compile line names its policy after the loss
 * ({@code compile adam:0.001:0.0 sparse_categorical_crossentropy precision=mixed_bfloat16 accuracy});
 * a float32 model's does not, so versions before mixed precision read it too.
 */
final class ModelSpec {
    static final String FILE = "assets.extra/jotter-model.txt";
    private static final String HEADER = "jotter-learn-model 1";
    private static final String PRECISION = "precision=";

    private ModelSpec() {
    }

    static void write(Path dir, long[] inputShape, long seed, List<Layer> layers, Compilation compilation) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add("input " + Shapes.format(inputShape).replace(" ", ""));
        lines.add("seed " + seed);
        for (Layer layer : layers) {
            lines.add(("layer " + layer.name() + " " + layer.kind() + " trainable=" + layer.isTrainable() + " " + layer.spec()).trim());
        }
        if (compilation != null) {
            StringBuilder line = new StringBuilder("compile " + compilation.optimizer().spec() + " " + compilation.loss().kerasName());
            if (compilation.precision().mixed()) {
                line.append(" " + PRECISION + compilation.precision().kerasName());
            }
            compilation.metrics().forEach(m -> line.append(' ').append(m.key()));
            lines.add(line.toString());
        }
        Path file = dir.resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static boolean presentIn(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    static Sequential read(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(dir.resolve(FILE) + " is not a model description this version can read");
        }
        Sequential model = new Sequential();
        for (String line : lines.subList(1, lines.size())) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "input" -> model.add(new Input(parseShape(words[1])));
                case "seed" -> model.seed(Long.parseLong(words[1]));
                case "layer" -> {
                    Map<String, String> settings = settings(words, 3);
                    Layer layer = layer(words[2], settings);
                    layer.trainable(Boolean.parseBoolean(settings.getOrDefault("trainable", "true")));
                    model.add(layer);
                    if (!layer.name().equals(words[1])) {
                        throw new IllegalArgumentException("layer " + words[1] + " was read back as " + layer.name());
                    }
                }
                case "compile" -> {
                    List<Metric> metrics = new ArrayList<>();
                    Precision precision = Precision.FLOAT32;
                    for (int i = 3; i < words.length; i++) {
                        if (words[i].startsWith(PRECISION)) {
                            precision = Precision.of(words[i].substring(PRECISION.length()));
                        } else {
                            metrics.add(Metric.of(words[i]));
                        }
                    }
                    model.compile(Optimizer.parse(words[1]), Loss.of(words[2]), precision, metrics.toArray(new Metric[0]));
                }
                case "" -> { }
                default -> throw new IllegalArgumentException("unknown line in " + FILE + ": " + line);
            }
        }
        return model;
    }

    private static Layer layer(String kind, Map<String, String> s) {
        return switch (kind) {
            case "dense" -> new Dense(Integer.parseInt(s.get("units")), s.get("activation"));
            case "flatten" -> new Flatten();
            case "dropout" -> new Dropout(Double.parseDouble(s.get("rate")));
            case "conv2d" -> new Conv2D(Integer.parseInt(s.get("filters")), Integer.parseInt(s.get("kernelSize")),
                    s.get("activation"), s.get("padding"));
            case "max_pooling2d" -> new MaxPooling2D(Integer.parseInt(s.get("poolSize")));
            default -> throw new IllegalArgumentException("unknown layer kind " + kind + " in " + FILE);
        };
    }

    private static Map<String, String> settings(String[] words, int from) {
        Map<String, String> settings = new HashMap<>();
        for (int i = from; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                settings.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        return settings;
    }

    private static long[] parseShape(String text) {
        String inner = text.replace("(", "").replace(")", "");
        return java.util.Arrays.stream(inner.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
