import io.jotter.learn.Conv2D;
import io.jotter.learn.Datasets;
import io.jotter.learn.Dense;
import io.jotter.learn.Flatten;
import io.jotter.learn.Input;
import io.jotter.learn.Loss;
import io.jotter.learn.MaxPooling2D;
import io.jotter.learn.Optimizer;
import io.jotter.learn.Sequential;
import io.jotter.learn.Split;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.framework.initializers.VarianceScaling;
import org.tensorflow.framework.losses.CategoricalCrossentropy;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Training throughput of io.jotter.learn against a hand-written TensorFlow Java loop doing the same
 * steps (same graph ops, Adam, batch 32, shuffled, one session.run per batch), in the same JVM,
 * alternating A and B so drift hits both. Prints samples per second; numbers only, not a test.
 *
 * Run (after building the kernel):
 *   java -Djava.awt.headless=true -cp 'notebook-kernel/kernel/target/lib/*' notebook-kernel/bench/LearnBench.java [EPOCHS] [ROUNDS]
 */
public class LearnBench {
    static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Split digits = Datasets.digits().scaled(1 / 16.0).split(0.25, 42);
        float[][] x = digits.train().x();
        float[][][][] images = digits.train().images();
        int[] y = digits.train().y();
        System.out.printf("digits: %d training samples, batch %d, %d epochs per run, %d rounds; %s%n",
                x.length, BATCH, epochs, rounds, System.getProperty("os.arch"));
        for (String model : List.of("mlp", "cnn")) {
            List<Double> api = new ArrayList<>();
            List<Double> hand = new ArrayList<>();
            Object data = model.equals("mlp") ? x : images;
            long[] sample = model.equals("mlp") ? new long[] {64} : new long[] {8, 8, 1};
            // Warm-up: builds, JIT, TensorFlow's first-run costs.
            api(model, data, y, 2);
            handWritten(model, x, sample, y, 2);
            for (int r = 0; r < rounds; r++) {
                api.add(api(model, data, y, epochs));
                hand.add(handWritten(model, x, sample, y, epochs));
            }
            double a = median(api);
            double h = median(hand);
            System.out.printf("%s: io.jotter.learn %.0f samples/s (%.1f ms/epoch), hand-written %.0f samples/s (%.1f ms/epoch): "
                            + "the API costs %+.1f%%  [runs: api %s, hand %s]%n", model, a, 1000.0 * x.length / a, h,
                    1000.0 * x.length / h, 100 * (h - a) / h, round(api), round(hand));
        }
    }

    /**
     * Samples per second of Sequential.fit, the whole call: checking and copying the data, the epoch
     * loop, the progress view (here the console's, whose lines are discarded; no curves are drawn there).
     */
    static double api(String kind, Object x, int[] y, int epochs) {
        Sequential model = kind.equals("mlp")
                ? new Sequential(new Input(64), new Dense(64, "relu"), new Dense(10, "softmax"))
                : new Sequential(new Input(8, 8, 1), new Conv2D(16, 3, "relu"), new MaxPooling2D(2), new Flatten(),
                        new Dense(10, "softmax"));
        // No metric: the hand-written loop computes only the loss.
        model.compile(Optimizer.adam(0.001), Loss.SPARSE_CATEGORICAL_CROSSENTROPY);
        model.weights(); // build outside the timing, as the hand-written loop does
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        long t0 = System.nanoTime();
        try {
            model.fit(x, y, epochs, BATCH);
        } finally {
            System.setOut(out);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        model.close();
        return y.length * (double) epochs / seconds;
    }

    /** The same network and steps, written directly against TensorFlow Java and tensorflow-framework. */
    static double handWritten(String kind, float[][] x, long[] sample, int[] y, int epochs) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Ops init = tf.withInitScope();
            long[] xShape = new long[sample.length + 1];
            xShape[0] = -1;
            System.arraycopy(sample, 0, xShape, 1, sample.length);
            Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(xShape)));
            Placeholder<TFloat32> labels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            List<Variable<TFloat32>> vars = new ArrayList<>();
            Operand<TFloat32> h = in;
            long width = 64;
            if (kind.equals("cnn")) {
                Variable<TFloat32> k = variable(tf, init, "ck", vars, 16, 3, 3, 1, 16);
                Variable<TFloat32> b = tf.withName("cb").variable(init.zeros(init.constant(new long[] {16}), TFloat32.class));
                vars.add(b);
                h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(h, k, List.of(1L, 1L, 1L, 1L), "VALID"), b));
                var window = tf.constant(new int[] {1, 2, 2, 1});
                h = tf.nn.maxPool(h, window, window, "VALID");
                width = 3 * 3 * 16;
                h = tf.reshape(h, tf.constant(new long[] {-1, width}));
            } else {
                Variable<TFloat32> k = variable(tf, init, "k1", vars, 1, 64, 64);
                Variable<TFloat32> b = tf.withName("b1").variable(init.zeros(init.constant(new long[] {64}), TFloat32.class));
                vars.add(b);
                h = tf.nn.relu(tf.math.add(tf.linalg.matMul(h, k), b));
            }
            Variable<TFloat32> k2 = variable(tf, init, "k2", vars, 2, width, 10);
            Variable<TFloat32> b2 = tf.withName("b2").variable(init.zeros(init.constant(new long[] {10}), TFloat32.class));
            vars.add(b2);
            Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(h, k2), b2);
            Operand<TFloat32> oneHot = tf.oneHot(tf.dtypes.cast(labels, TInt32.class), tf.constant(10), tf.constant(1f), tf.constant(0f));
            Operand<TFloat32> loss = new CategoricalCrossentropy(true).call(tf, oneHot, logits, null);
            Output<?>[] grads = g.addGradients(loss.asOutput(), vars.stream().map(Variable::asOutput).toArray(Output<?>[]::new));
            List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
            for (int i = 0; i < grads.length; i++) {
                pairs.add(pair(grads[i], vars.get(i).asOutput()));
            }
            Op train = new Adam(g, 0.001f).applyGradients(pairs, "train");
            try (Session s = new Session(g)) {
                s.initialize();
                int n = x.length;
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Random random = new Random(42);
                long t0 = System.nanoTime();
                for (int e = 0; e < epochs; e++) {
                    for (int i = n - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    for (int from = 0; from < n; from += BATCH) {
                        int to = Math.min(n, from + BATCH);
                        float[] xb = new float[(to - from) * 64];
                        float[] yb = new float[to - from];
                        for (int i = from; i < to; i++) {
                            System.arraycopy(x[order[i]], 0, xb, (i - from) * 64, 64);
                            yb[i - from] = y[order[i]];
                        }
                        xShape[0] = to - from;
                        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(xShape), DataBuffers.of(xb, true, false));
                             TFloat32 yt = TFloat32.tensorOf(Shape.of(to - from), DataBuffers.of(yb, true, false));
                             Result r = s.runner().feed(in, xt).feed(labels, yt).addTarget(train).fetch(loss).run()) {
                            ((TFloat32) r.get(0)).getFloat();
                        }
                    }
                }
                return n * (double) epochs / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }

    static Variable<TFloat32> variable(Ops tf, Ops init, String name, List<Variable<TFloat32>> vars, long seed, long... shape) {
        var glorot = new Glorot<TFloat32>(VarianceScaling.Distribution.UNIFORM, seed);
        Variable<TFloat32> v = tf.withName(name).variable(glorot.call(init, init.constant(Shape.of(shape)), TFloat32.class));
        vars.add(v);
        return v;
    }

    @SuppressWarnings("unchecked")
    static GradAndVar<TFloat32> pair(Output<?> gradient, Output<?> variable) {
        return new GradAndVar<>((Output<TFloat32>) gradient, (Output<TFloat32>) variable);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    static String round(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }
}
