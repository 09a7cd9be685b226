package io.jotter.learn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * A stack of layers, each feeding the next, as in Keras:
 * <pre>{@code
 * var model = new Sequential(new Input(64), new Dense(64, "relu"), new Dense(10, "softmax"));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * History history = model.fit(split.train().x(), split.train().y(), 20, 32, 0.1);
 * model.evaluate(split.test().x(), split.test().y());
 * }</pre>
 *
 * <p>It trains on the GPU when TensorFlow sees one, with no change to this code. Mixed precision
 * (float16 or bfloat16 compute, float32 weights) is one option of compile:
 * {@code model.compile("adam", "sparse_categorical_crossentropy", Precision.MIXED_BFLOAT16, "accuracy")}.
 *
 * <p>The TensorFlow graph is built the first time the model is used (then the input shape must be
 * known, from an {@link Input} or from the data) and again after {@code compile} or a change of
 * {@link Layer#trainable}, keeping the weights. Close the model to free TensorFlow's memory at once.
 *
 * <p>Not thread-safe: one fit, evaluate or predict at a time.
 */
public final class Sequential implements AutoCloseable {
    private final List<Layer> layers = new ArrayList<>();
    private long[] inputShape;
    private long seed = 42;
    private Compilation compilation;
    private ModelGraph graph;
    private String builtFor;
    private volatile History history;
    private NotebookOutput output;

    public Sequential(Layer... layers) {
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /** Adds a layer on top; an {@link Input} may only come first. Names it {@code dense_1}, {@code dense_2}... */
    public Sequential add(Layer layer) {
        Objects.requireNonNull(layer, "layer");
        if (layer instanceof Input input) {
            if (!layers.isEmpty() || inputShape != null) {
                throw new IllegalArgumentException("Input must come first, and only once");
            }
            inputShape = input.shape();
            return this;
        }
        if (layer.name() != null) {
            throw new IllegalArgumentException(layer.describe() + " is already in a model; make a new layer");
        }
        long sameKind = layers.stream().filter(l -> l.kind().equals(layer.kind())).count();
        layer.name(layer.kind() + "_" + (sameKind + 1));
        if (inputShape != null) {
            try {
                outputShape(Stream.concat(layers.stream(), Stream.of(layer)).toList());
            } catch (IllegalArgumentException e) {
                layer.name(null); // not added: free to go into another model
                throw e;
            }
        }
        layers.add(layer);
        dropGraph();
        return this;
    }

    /** The seed for the initial weights, Dropout and shuffling (42 unless set): the same seed trains the same model. */
    public Sequential seed(long seed) {
        this.seed = seed;
        dropGraph();
        return this;
    }

    /** By Keras names: {@code compile("adam", "sparse_categorical_crossentropy", "accuracy")}; float32 throughout. */
    public Sequential compile(String optimizer, String loss, String... metrics) {
        return compile(optimizer, loss, Precision.FLOAT32, metrics);
    }

    /**
     * With mixed precision: {@code compile("adam", "sparse_categorical_crossentropy", Precision.MIXED_BFLOAT16, "accuracy")}
     * has the layers compute in bfloat16 while the weights, the loss and the metrics stay float32
     * ({@link Precision} says how; {@code Precision.of("mixed_float16")} takes Keras's policy names).
     */
    public Sequential compile(String optimizer, String loss, Precision precision, String... metrics) {
        return compile(Optimizer.of(optimizer), Loss.of(loss), precision, Arrays.stream(metrics).map(Metric::of).toArray(Metric[]::new));
    }

    public Sequential compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        return compile(optimizer, loss, Precision.FLOAT32, metrics);
    }

    public Sequential compile(Optimizer optimizer, Loss loss, Precision precision, Metric... metrics) {
        this.compilation = new Compilation(Objects.requireNonNull(optimizer, "optimizer"),
                Objects.requireNonNull(loss, "loss"), List.of(metrics), Objects.requireNonNull(precision, "precision"));
        return this;
    }

    /** Trains for {@code epochs} passes over the data, in batches of 32, without a validation split. */
    public History fit(Object x, Object y, int epochs) {
        return fit(x, y, epochs, 32, 0);
    }

    public History fit(Object x, Object y, int epochs, int batchSize) {
        return fit(x, y, epochs, batchSize, 0);
    }

    /**
     * Trains the model and returns what it measured per epoch. While it runs, the cell shows a live
     * progress line; at the end, the training curves. An interrupt stops it between two batches and
     * keeps the weights learned so far ({@link #history()} has the finished epochs).
     *
     * @param x the samples: {@code float[][]} (samples × features), {@code float[][][][]} (samples ×
     *     height × width × channels), {@code double[][]}, or a {@code TFloat32} tensor
     * @param y the labels: {@code int[]} class numbers, {@code float[]} targets, {@code float[][]}
     *     one-hot rows, or a tensor
     * @param validationSplit the share of the samples, taken from the end before shuffling, kept
     *     aside to validate on after each epoch (0 for none), as Keras does
     */
    public History fit(Object x, Object y, int epochs, int batchSize, double validationSplit) {
        Compilation compiled = requireCompiled("fit");
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batchSize must be at least 1, not " + epochs + " and " + batchSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be at least 0 and below 1, not " + validationSplit);
        }
        Samples xs = features(x);
        Samples ys = targets(y, xs, compiled);
        ModelGraph built = graph();
        if (!built.trainable()) {
            throw new IllegalStateException("every layer is frozen (trainable(false)): there is nothing to train");
        }
        int validation = (int) Math.floor(xs.count() * validationSplit);
        int training = xs.count() - validation;
        if (validationSplit > 0 && (validation == 0 || training == 0)) {
            throw new IllegalArgumentException("validationSplit " + validationSplit + " of " + xs.count()
                    + " samples leaves " + training + " to train on and " + validation + " to validate on; both need at least one");
        }
        Trainer.Data data = validation == 0 ? new Trainer.Data(xs, ys, null, null)
                : new Trainer.Data(xs.range(0, training), ys.range(0, training),
                        xs.range(training, xs.count()), ys.range(training, xs.count()));
        List<String> keys = Trainer.keys(compiled);
        List<String> historyKeys = new ArrayList<>(keys);
        if (validation > 0) {
            keys.forEach(key -> historyKeys.add("val_" + key));
        }
        NotebookOutput out = output();
        TrainingProgress progress = new TrainingProgress(out, System::nanoTime, epochs, (training + batchSize - 1) / batchSize,
                compiled.precision());
        History result = new History(historyKeys);
        history = result;
        progress.drawCurvesWith(() -> out.showsImages() ? CurvesImage.bundle(result) : null);
        StoppableRun.run("jotter-learn-fit", stop ->
                new Trainer(built, keys, progress).train(data, epochs, batchSize, seed, stop, result));
        Map<String, String> curves = out.showsImages() ? CurvesImage.bundle(result) : null;
        if (curves != null) {
            out.display(curves, null);
        }
        return result;
    }

    /** The loss and metrics on {@code x} and {@code y}, such as {@code {loss=0.12, accuracy=0.96}}; Dropout is off. */
    public Map<String, Double> evaluate(Object x, Object y) {
        Compilation compiled = requireCompiled("evaluate");
        Samples xs = features(x);
        Samples ys = targets(y, xs, compiled);
        return Trainer.evaluate(graph(), Trainer.keys(compiled), xs, ys);
    }

    /** The model's outputs, one row per sample (class probabilities, for a softmax output). */
    public float[][] predict(Object x) {
        Samples xs = features(x);
        ModelGraph built = graph();
        float[][] rows = new float[xs.count()][];
        for (int from = 0; from < xs.count(); from += Trainer.EVALUATION_BATCH) {
            int to = Math.min(xs.count(), from + Trainer.EVALUATION_BATCH);
            try (TFloat32 batch = xs.batch(from, to)) {
                float[][] out = built.predict(batch);
                System.arraycopy(out, 0, rows, from, out.length);
            }
        }
        return rows;
    }

    /** The most likely class of each sample: the index of its largest output. */
    public int[] predictClasses(Object x) {
        return Arrays.stream(predict(x)).mapToInt(Sequential::argMax).toArray();
    }

    private static int argMax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Shows the layers, their output shapes and parameter counts as a table below the cell. */
    public void summary() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", summaryText());
        bundle.put("text/html", Summary.html(this));
        output().display(bundle, null);
        output().log("");
    }

    /** The summary as text, as Keras prints it. */
    public String summaryText() {
        return Summary.text(this);
    }

    /** The layers, without the Input. */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    public Layer layer(int index) {
        return layers.get(index);
    }

    public Layer layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer named " + name + "; the layers are "
                        + layers.stream().map(Layer::name).toList()));
    }

    /** The precision policy of the latest {@code compile}; float32 before any. */
    Precision precision() {
        return compilation == null ? Precision.FLOAT32 : compilation.precision();
    }

    /** The shape of one sample, or null until it is known. */
    public long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** The History of the latest {@code fit}, also when an interrupt stopped it; null before any. */
    public History history() {
        return history;
    }

    /** Every weight, by name ({@code dense_1_kernel}, {@code dense_1_bias}...), flattened row-major. */
    public Map<String, float[]> weights() {
        Map<String, float[]> weights = new LinkedHashMap<>();
        graph().readWeights().forEach((name, weight) -> weights.put(name, weight.values()));
        return weights;
    }

    /**
     * Exports the model as a TensorFlow SavedModel in {@code dir} (signature "serving_default":
     * input "x", output "predictions"), with its architecture in {@code assets.extra/}, so
     * {@link #load} gives back a model that can be trained further. {@code dir} must not exist,
     * be empty, or hold a model saved here before (which it replaces).
     */
    public void save(String dir) {
        save(Path.of(dir));
    }

    public void save(Path dir) {
        ModelGraph built = graph();
        try {
            prepareExportDir(dir);
            built.export(dir.toString());
            ModelSpec.write(dir, inputShape, seed, layers, compilation);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the model in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Loads a model saved with {@link #save}: same layers, weights and compilation, ready to predict or train on. */
    public static Sequential load(String dir) {
        return load(Path.of(dir));
    }

    public static Sequential load(Path dir) {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException(dir + " holds no SavedModel (no saved_model.pb)");
        }
        if (!ModelSpec.presentIn(dir)) {
            throw new IllegalArgumentException(dir + " is a SavedModel that was not saved by Sequential.save "
                    + "(no " + ModelSpec.FILE + "); TensorFlow's own SavedModelBundle.load(dir, \"serve\") runs it");
        }
        try {
            Sequential model = ModelSpec.read(dir);
            Map<String, Weight> weights = new LinkedHashMap<>();
            ModelGraph built = model.graph();
            try (SavedModelBundle bundle = SavedModelBundle.loader(dir.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
                    .withConfigProto(SessionConfig.gpuReady()).load()) {
                for (String name : built.weightNames()) {
                    try (Result result = bundle.session().runner().fetch(name).run()) {
                        weights.put(name, Weight.of((TFloat32) result.get(0)));
                    }
                }
            }
            built.writeWeights(weights);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void prepareExportDir(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        if (!ModelSpec.presentIn(dir)) {
            throw new IllegalArgumentException(dir + " already exists and holds something other than a saved model; "
                    + "save into a new folder");
        }
        for (String part : List.of("saved_model.pb", "variables", "assets.extra")) {
            deleteRecursively(dir.resolve(part));
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Frees the TensorFlow graph and session; the model can be used again, but starts from new weights. */
    @Override
    public void close() {
        dropGraph();
    }

    @Override
    public String toString() {
        return "Sequential " + layers.stream().map(Layer::toString).toList();
    }

    /** For tests: where progress and curves go. */
    Sequential output(NotebookOutput output) {
        this.output = output;
        return this;
    }

    private NotebookOutput output() {
        if (output == null) {
            output = NotebookOutput.find();
        }
        return output;
    }

    private Compilation requireCompiled(String what) {
        if (compilation == null) {
            throw new IllegalStateException("compile the model before " + what
                    + ", for example model.compile(\"adam\", \"sparse_categorical_crossentropy\", \"accuracy\")");
        }
        return compilation;
    }

    private Samples features(Object x) {
        Samples xs = Samples.features(x, "x");
        if (xs.count() == 0) {
            throw new IllegalArgumentException("x has no samples");
        }
        if (inputShape == null) {
            if (layers.isEmpty()) {
                throw new IllegalStateException("the model has no layers; add some, e.g. new Dense(10, \"softmax\")");
            }
            outputShape(layers, xs.sampleShape());
            inputShape = xs.sampleShape();
        } else if (!Arrays.equals(inputShape, xs.sampleShape())) {
            String first = layers.isEmpty() ? "" : " (its first layer is " + layers.get(0).describe() + ")";
            throw new IllegalArgumentException("x's samples have shape " + Shapes.format(xs.sampleShape())
                    + ", but the model takes samples of shape " + Shapes.format(inputShape) + first);
        }
        return xs;
    }

    private Samples targets(Object y, Samples xs, Compilation compiled) {
        Samples ys = Samples.targets(y, "y");
        if (ys.count() != xs.count()) {
            throw new IllegalArgumentException("x has " + xs.count() + " samples but y has " + ys.count() + "; they must match");
        }
        return Targets.check(compiled.loss(), outputShape(layers), layers.isEmpty() ? null : layers.get(layers.size() - 1), ys);
    }

    /** The model's output shape; throws naming the first layer that cannot take its input. */
    long[] outputShape(List<Layer> stack) {
        return outputShape(stack, inputShape);
    }

    private static long[] outputShape(List<Layer> stack, long[] input) {
        long[] shape = input;
        for (Layer layer : stack) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    /** The built graph, (re)built when the layers, the compilation or a layer's trainable flag changed; keeps the weights. */
    private ModelGraph graph() {
        if (inputShape == null) {
            throw new IllegalStateException("the model does not know its input shape yet: start it with an Input, "
                    + "such as new Sequential(new Input(64), ...), or fit it first");
        }
        outputShape(layers);
        String wanted = fingerprint();
        if (graph != null && wanted.equals(builtFor)) {
            return graph;
        }
        Map<String, Weight> weights = graph == null ? Map.of() : graph.readWeights();
        dropGraph();
        ModelGraph built = ModelGraph.build(inputShape, layers, compilation, seed);
        try {
            if (!weights.isEmpty()) {
                built.writeWeights(weights);
            }
        } catch (RuntimeException e) {
            built.close();
            throw e;
        }
        graph = built;
        builtFor = wanted;
        return graph;
    }

    private String fingerprint() {
        StringBuilder key = new StringBuilder(String.valueOf(compilation)).append(seed);
        layers.forEach(l -> key.append(l.name()).append(l.isTrainable()));
        return key.toString();
    }

    private void dropGraph() {
        if (graph != null) {
            graph.close();
            graph = null;
            builtFor = null;
        }
    }
}
