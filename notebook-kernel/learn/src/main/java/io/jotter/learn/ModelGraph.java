package io.jotter.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * A built model: its TensorFlow graph (forward pass, and with a compilation the loss, metrics and
 * the optimizer's update) and the session that holds the weights. The session runs operations
 * wherever TensorFlow places them, on a GPU when it sees one ({@link SessionConfig}).
 *
 * <p>The input placeholder, the weights, the predictions, the loss and the metrics are float32
 * whatever the {@link Precision}; in a mixed model the layers compute in float16 or bfloat16 between.
 *
 * <p>Not thread-safe; one training or prediction at a time.
 */
final class ModelGraph implements AutoCloseable {
    static final String SIGNATURE_INPUT = "x";
    static final String SIGNATURE_OUTPUT = "predictions";

    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> x;
    private final Operand<TFloat32> learningPhase;
    /** Whether any layer reads the learning phase (Dropout); if none does, it is not fed. */
    private final boolean phaseMatters;
    private final Operand<TFloat32> predictions;
    private final Placeholder<TFloat32> target;
    private final Operand<TFloat32> loss;
    private final List<Operand<TFloat32>> metrics;
    private final Op train;
    private final Map<String, Variable<TFloat32>> variables;
    private final Map<String, Placeholder<TFloat32>> newValues;
    private final Map<String, Op> assigns;
    /** The learning phase fed while training. */
    private final TFloat32 one = TFloat32.scalarOf(1f);

    private ModelGraph(Graph graph, Builder b) {
        this.graph = graph;
        this.x = b.x;
        this.learningPhase = b.learningPhase;
        this.phaseMatters = b.phaseMatters;
        this.predictions = b.predictions;
        this.target = b.target;
        this.loss = b.loss;
        this.metrics = b.metrics;
        this.train = b.train;
        this.variables = b.variables;
        this.newValues = b.newValues;
        this.assigns = b.assigns;
        this.session = new Session(graph, SessionConfig.gpuReady());
        session.initialize();
    }

    /** Everything {@link #build} puts in the graph, gathered before the session starts. */
    private static final class Builder {
        Placeholder<TFloat32> x;
        Operand<TFloat32> learningPhase;
        boolean phaseMatters;
        Operand<TFloat32> predictions;
        Placeholder<TFloat32> target;
        Operand<TFloat32> loss;
        List<Operand<TFloat32>> metrics = new ArrayList<>();
        Op train;
        Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
        Map<String, Placeholder<TFloat32>> newValues = new LinkedHashMap<>();
        Map<String, Op> assigns = new LinkedHashMap<>();
    }

    /**
     * Builds the graph for samples of {@code inputShape}. Without a compilation it can only predict.
     * The layers' shapes must have been checked ({@link Layer#outputShape}).
     */
    static ModelGraph build(long[] inputShape, List<Layer> layers, Compilation compilation, long seed) {
        Precision precision = compilation == null ? Precision.FLOAT32 : compilation.precision();
        Graph graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            Builder b = new Builder();
            b.x = tf.withName(SIGNATURE_INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(Shapes.withBatchDimension(inputShape))));
            b.learningPhase = tf.withName("learning_phase").placeholderWithDefault(tf.constant(0f), Shape.scalar());
            Operand<? extends TFloating> h = b.x;
            long[] shape = inputShape;
            LayerOutput last = LayerOutput.of(h);
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                layer.clearVariables();
                var context = new LayerContext<>(tf, b.learningPhase, seed * 1_000_003L + i + 1, precision.computeType(),
                        i == layers.size() - 1);
                last = layer.build(context, h, shape);
                h = last.output();
                shape = layer.outputShape(shape);
                for (Variable<TFloat32> v : layer.variables()) {
                    b.variables.put(v.op().name(), v);
                }
            }
            b.predictions = tf.withName(SIGNATURE_OUTPUT).identity(float32(tf, h));
            b.phaseMatters = layers.stream().anyMatch(l -> l instanceof Dropout);
            if (compilation != null) {
                addTraining(graph, tf, b, compilation, shape, last, layers);
            }
            for (var entry : b.variables.entrySet()) {
                Variable<TFloat32> v = entry.getValue();
                Placeholder<TFloat32> value = tf.withName(entry.getKey() + "_new_value")
                        .placeholder(TFloat32.class, Placeholder.shape(v.shape()));
                b.newValues.put(entry.getKey(), value);
                b.assigns.put(entry.getKey(), tf.withName(entry.getKey() + "_assign").assign(v, value));
            }
            return new ModelGraph(graph, b);
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    private static void addTraining(Graph graph, Ops tf, Builder b, Compilation compilation, long[] outputShape,
            LayerOutput last, List<Layer> layers) {
        Loss lossKind = compilation.loss();
        long[] targetShape = lossKind.sparse() ? new long[0] : outputShape;
        b.target = tf.withName("target").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(Shapes.withBatchDimension(targetShape))));
        boolean fromLogits = last.logits() != null && lossKind.takesLogitsOf(last.activation());
        Operand<TFloat32> lossInput = fromLogits ? float32(tf, last.logits()) : b.predictions;
        Operand<TFloat32> labels = b.target;
        Loss computed = lossKind;
        if (lossKind.sparse()) {
            // TensorFlow's C++ gradients (the ones Java reaches) have none for SparseSoftmaxCrossEntropyWithLogits:
            // the same loss as categorical cross-entropy of one-hot labels, whose gradient exists.
            labels = tf.oneHot(tf.dtypes.cast(b.target, TInt32.class), tf.constant((int) outputShape[0]),
                    tf.constant(1f), tf.constant(0f));
            computed = Loss.CATEGORICAL_CROSSENTROPY;
        }
        b.loss = tf.withName("loss").identity(computed.create(fromLogits).call(tf, labels, lossInput, null));
        for (Metric metric : compilation.metrics()) {
            b.metrics.add(tf.withName(metric.key()).identity(metricOp(tf, metric, lossKind, b.predictions, b.target)));
        }
        List<Output<?>> trainable = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer.isTrainable()) {
                layer.variables().forEach(v -> trainable.add(v.asOutput()));
            }
        }
        if (trainable.isEmpty()) {
            return;
        }
        b.train = compilation.precision().scalesTheLoss()
                ? OptimizerStep.lossScaled(graph, tf, b.loss, trainable, compilation.optimizer().createSkippable(graph),
                        OptimizerStep.GROWTH_INTERVAL)
                : OptimizerStep.plain(graph, b.loss, trainable, compilation.optimizer().create(graph));
    }

    /** {@code value} as float32: itself when it is (a float32 model's graph has no cast), else a cast. */
    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> float32(Ops tf, Operand<? extends TFloating> value) {
        return value.type() == TFloat32.class ? (Operand<TFloat32>) value : tf.dtypes.cast(value, TFloat32.class);
    }

    private static Operand<TFloat32> metricOp(Ops tf, Metric metric, Loss loss, Operand<TFloat32> predictions,
            Operand<TFloat32> target) {
        Operand<TFloat32> perSample = switch (metric) {
            case MEAN_ABSOLUTE_ERROR -> tf.math.abs(tf.math.sub(predictions, target));
            case ACCURACY -> switch (loss) {
                case SPARSE_CATEGORICAL_CROSSENTROPY -> tf.dtypes.cast(tf.math.equal(
                        tf.dtypes.cast(tf.math.argMax(predictions, tf.constant(1)), TFloat32.class), target), TFloat32.class);
                case CATEGORICAL_CROSSENTROPY -> tf.dtypes.cast(tf.math.equal(
                        tf.math.argMax(predictions, tf.constant(1)), tf.math.argMax(target, tf.constant(1))), TFloat32.class);
                case BINARY_CROSSENTROPY -> tf.dtypes.cast(tf.math.equal(
                        tf.dtypes.cast(tf.math.greater(predictions, tf.constant(0.5f)), TFloat32.class), target), TFloat32.class);
                case MEAN_SQUARED_ERROR -> throw new IllegalStateException("accuracy of a regression");
            };
        };
        return tf.math.mean(tf.reshape(perSample, tf.constant(new long[] {-1})), tf.constant(0));
    }

    boolean trainable() {
        return train != null;
    }

    /** One optimizer step on a batch; returns the loss and the metrics before the step, as Keras reports them. */
    double[] trainStep(TFloat32 xBatch, TFloat32 yBatch) {
        Session.Runner runner = session.runner().feed(x, xBatch).feed(target, yBatch).addTarget(train);
        if (phaseMatters) {
            runner.feed(learningPhase, one);
        }
        return fetchLossAndMetrics(runner);
    }

    /** The loss and metrics of a batch, weights unchanged, Dropout off. */
    double[] evaluateStep(TFloat32 xBatch, TFloat32 yBatch) {
        return fetchLossAndMetrics(session.runner().feed(x, xBatch).feed(target, yBatch));
    }

    private double[] fetchLossAndMetrics(Session.Runner runner) {
        runner.fetch(loss);
        metrics.forEach(runner::fetch);
        try (Result result = runner.run()) {
            double[] values = new double[1 + metrics.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((TFloat32) result.get(i)).getFloat();
            }
            return values;
        }
    }

    /** The outputs for a batch, one row per sample. */
    float[][] predict(TFloat32 xBatch) {
        try (Result result = session.runner().feed(x, xBatch).fetch(predictions).run()) {
            TFloat32 out = (TFloat32) result.get(0);
            int samples = (int) out.shape().get(0);
            int width = samples == 0 ? 0 : (int) (out.shape().size() / samples);
            float[] flat = new float[samples * width];
            out.copyTo(DataBuffers.of(flat, false, false));
            float[][] rows = new float[samples][width];
            for (int i = 0; i < samples; i++) {
                System.arraycopy(flat, i * width, rows[i], 0, width);
            }
            return rows;
        }
    }

    /** Every weight by variable name ({@code dense_1_kernel}), flattened row-major, with its shape. */
    Map<String, Weight> readWeights() {
        Map<String, Weight> weights = new LinkedHashMap<>();
        if (variables.isEmpty()) {
            return weights;
        }
        Session.Runner runner = session.runner();
        variables.values().forEach(runner::fetch);
        try (Result result = runner.run()) {
            int i = 0;
            for (String name : variables.keySet()) {
                weights.put(name, Weight.of((TFloat32) result.get(i++)));
            }
        }
        return weights;
    }

    /** Sets the weights named in {@code weights}; each must have its variable's shape. */
    void writeWeights(Map<String, Weight> weights) {
        Session.Runner runner = session.runner();
        List<TFloat32> tensors = new ArrayList<>();
        try {
            for (var entry : weights.entrySet()) {
                Variable<TFloat32> variable = variables.get(entry.getKey());
                if (variable == null) {
                    throw new IllegalArgumentException("the model has no weight named " + entry.getKey());
                }
                long[] expected = variable.shape().asArray();
                if (!java.util.Arrays.equals(expected, entry.getValue().shape())) {
                    throw new IllegalArgumentException("weight " + entry.getKey() + " has shape " + Shapes.format(expected)
                            + ", not " + Shapes.format(entry.getValue().shape()));
                }
                TFloat32 tensor = entry.getValue().toTensor();
                tensors.add(tensor);
                runner.feed(newValues.get(entry.getKey()), tensor).addTarget(assigns.get(entry.getKey()));
            }
            if (!tensors.isEmpty()) {
                runner.run().close();
            }
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }

    /** The weights' names, in layer order. */
    List<String> weightNames() {
        return List.copyOf(variables.keySet());
    }

    /** Exports a SavedModel whose "serving_default" signature maps "x" to "predictions". */
    void export(String dir) throws java.io.IOException {
        Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
                .input(SIGNATURE_INPUT, x).output(SIGNATURE_OUTPUT, predictions).build();
        org.tensorflow.SavedModelBundle.exporter(dir).withSession(session).withSignature(signature).export();
    }

    @Override
    public void close() {
        session.close();
        graph.close();
        one.close();
    }
}
