import io.jotter.learn.Conv2D;
import io.jotter.learn.Datasets;
import io.jotter.learn.Dense;
import io.jotter.learn.Flatten;
import io.jotter.learn.History;
import io.jotter.learn.Input;
import io.jotter.learn.Loss;
import io.jotter.learn.MaxPooling2D;
import io.jotter.learn.Optimizer;
import io.jotter.learn.Precision;
import io.jotter.learn.Sequential;
import io.jotter.learn.Split;
import io.jotter.learn.Tensors;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;
import org.tensorflow.EagerSession;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One column of {@code ./jotter bench gpu}: what a cell gets from one TensorFlow build, the CPU build or the GPU
 * build. The same classpath runs both; bench_gpu.py starts this program once per build (the GPU build's folder first
 * on java.library.path, see the launcher bin/jotter-kernel) and prints the two columns side by side. Output:
 * {@code RESULT key=value} lines on stdout, progress on stderr; numbers only, not a test.
 *
 * <p>Run (after building the kernel): {@code java -cp 'notebook-kernel/kernel/target/lib/*'
 * notebook-kernel/bench/GpuBench.java cpu|gpu [--quick]}; for {@code gpu} also {@code LD_LIBRARY_PATH=DIR
 * TF_FORCE_GPU_ALLOW_GROWTH=true} and {@code -Djava.library.path=DIR -Dorg.bytedeco.javacpp.pathsFirst=true
 * -Djotter.gpu.natives=DIR}, DIR being notebook-kernel/kernel/target/native-gpu.
 */
public class GpuBench {
    /** The exit status of a GPU column that found no GPU, as the kernel's (NoGpuExit). */
    static final int NO_GPU = 3;
    /** stdout as it was at start: fit's progress lines are silenced, results are not. */
    static final PrintStream RESULTS = System.out;

    /**
     * How much to measure. Matmul: {@code chain} products one after another per timed run (a GPU keeps busy between
     * two reads back), {@code warmup} runs untimed. Training: one untimed epoch, then {@code rounds} fits of
     * {@code epochs} epochs each.
     */
    record Plan(int matmulN, int matmulChain, int matmulWarmup, int matmulRuns, int tinyWarmup, int tinyRuns,
                int digitsEpochs, int digitsRounds, int cnnSamples, int cnnEpochs, int cnnRounds) {
        /** The plan for a build: a CPU takes seconds per 8192×8192 product, so it runs fewer. */
        static Plan of(boolean gpu, boolean quick) {
            if (gpu) {
                return quick ? new Plan(8192, 10, 1, 5, 100, 500, 3, 3, 8192, 2, 3)
                        : new Plan(8192, 10, 2, 15, 200, 3000, 10, 5, 16384, 3, 5);
            }
            return quick ? new Plan(8192, 1, 0, 2, 100, 500, 2, 3, 4096, 1, 2)
                    : new Plan(8192, 1, 1, 3, 200, 3000, 10, 5, 16384, 1, 3);
        }
    }

    /** Runs every measurement for one build and prints its RESULT lines. */
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        if (args.length < 1 || !(args[0].equals("cpu") || args[0].equals("gpu"))) {
            System.err.println("usage: GpuBench.java cpu|gpu [--quick]");
            System.exit(2);
        }
        boolean gpu = args[0].equals("gpu");
        boolean quick = Arrays.asList(args).contains("--quick");
        Plan plan = Plan.of(gpu, quick);
        String device = gpu ? "/GPU:0" : "/CPU:0";
        result("build", args[0]);
        checkBuild(gpu);
        float first = firstResult(device);
        result("first_result_s", (System.nanoTime() - started) / 1e9);
        result("first_result_value", first);
        measureMatmul(device, plan);
        measureTinyOp(device, plan);
        measureTraining(gpu, plan);
        log("done");
    }

    /** Which TensorFlow library loaded and which devices it sees; a GPU column without a GPU ends here, status 3. */
    static void checkBuild(boolean gpu) {
        var devices = Tensors.devices();
        String library = Loader.getLoadedLibraries().get("tensorflow_cc@.2");
        result("tensorflow_library", library);
        result("devices", devices.stream().map(Tensors.Device::toString).collect(Collectors.joining(", ")));
        if (!gpu) {
            return;
        }
        String natives = System.getProperty("jotter.gpu.natives");
        if (natives == null || library == null || !library.startsWith(natives)) {
            fail("TensorFlow's GPU build did not load (it came from " + library + ", not from " + natives + ")");
        }
        if (!Tensors.hasGpu()) {
            fail("TensorFlow's GPU build loaded but sees no GPU (see CUDA's messages above: driver, CUDA_VISIBLE_DEVICES)");
        }
    }

    /** The first result of a small matmul on the device: TensorFlow's load and the device's start-up. */
    static float firstResult(String device) {
        try (EagerSession session = EagerSession.create()) {
            Ops tf = Tensors.on(device, Ops.create(session));
            var product = tf.linalg.matMul(tf.constant(new float[][] {{1, 2}, {3, 4}}), tf.constant(new float[][] {{1}, {1}}));
            String placed = Tensors.deviceOf(product);
            if (!device.endsWith(placed)) {
                fail("the first matmul ran on " + placed + ", not on " + device);
            }
            return product.asTensor().getFloat(0, 0);
        }
    }

    /** The n×n float32 matmul: seconds per product, TFLOP/s of the median. */
    static void measureMatmul(String device, Plan plan) {
        int n = plan.matmulN();
        log(String.format(Locale.ROOT, "matmul %dx%d on %s: %d warm-up and %d timed runs of %d products", n, n, device,
                plan.matmulWarmup(), plan.matmulRuns(), plan.matmulChain()));
        double[] seconds = matmulSeconds(device, n, plan.matmulChain(), plan.matmulWarmup(), plan.matmulRuns());
        double median = median(seconds);
        result("matmul_n", n);
        result("matmul_chain", plan.matmulChain());
        result("matmul_s", join(seconds));
        result("matmul_median_s", median);
        result("matmul_tflops", 2.0 * n * n * n / median / 1e12);
    }

    /**
     * Seconds per n×n float32 matmul on device, one number per timed run. A run computes a chain of products
     * x = x·b in one session.run, then reads back one number (their sum), so the device is never idle waiting for
     * the JVM; b's columns sum to about 1, so x keeps its size down the chain.
     */
    static double[] matmulSeconds(String device, int n, int chain, int warmup, int runs) {
        try (Graph graph = new Graph()) {
            Ops tf = io.jotter.learn.Tensors.on(device, Ops.create(graph));
            Ops init = tf.withInitScope();
            Operand<TInt64> shape = init.constant(new long[] {n, n});
            Operand<TFloat32> a = tf.variable(init.random.randomUniform(shape, TFloat32.class));
            Operand<TFloat32> b = tf.variable(init.math.mul(init.random.randomUniform(shape, TFloat32.class), init.constant(2f / n)));
            Operand<TFloat32> x = a;
            for (int i = 0; i < chain; i++) {
                x = tf.linalg.matMul(x, b);
            }
            Operand<TFloat32> total = tf.sum(x, tf.constant(new int[] {0, 1}));
            // No soft placement: an op that cannot run on the device fails the run instead of moving to the CPU.
            ConfigProto config = ConfigProto.newBuilder().setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build();
            try (Session session = new Session(graph, config)) {
                session.initialize();
                double[] seconds = new double[runs];
                for (int r = -warmup; r < runs; r++) {
                    long t0 = System.nanoTime();
                    try (Result result = session.runner().fetch(total).run()) {
                        ((TFloat32) result.get(0)).getFloat();
                    }
                    if (r >= 0) {
                        seconds[r] = (System.nanoTime() - t0) / 1e9 / chain;
                    }
                }
                return seconds;
            }
        }
    }

    /** The per-op overhead: a 1-element add in eager mode on the device, read back to the JVM. */
    static void measureTinyOp(String device, Plan plan) {
        log("tiny op on " + device + ": " + plan.tinyRuns() + " eager adds, each read back");
        try (EagerSession session = EagerSession.create()) {
            Ops tf = Tensors.on(device, Ops.create(session));
            Operand<TFloat32> one = tf.constant(1f);
            double[] micros = new double[plan.tinyRuns()];
            for (int r = -plan.tinyWarmup(); r < micros.length; r++) {
                long t0 = System.nanoTime();
                tf.math.add(one, one).asTensor().getFloat();
                if (r >= 0) {
                    micros[r] = (System.nanoTime() - t0) / 1e3;
                }
            }
            Arrays.sort(micros);
            result("tiny_op_us_median", median(micros));
            result("tiny_op_us_p90", micros[(int) (0.9 * (micros.length - 1))]);
        }
    }

    /** io.jotter.learn's training throughput: the digits CNN, and a larger CNN on synthetic 32×32×3 images. */
    static void measureTraining(boolean gpu, Plan plan) {
        Split digits = Datasets.digits().scaled(1 / 16.0).split(0.25, 42);
        float[][][][] images = digits.train().images();
        int[] labels = digits.train().y();
        log("digits CNN: " + labels.length + " samples, batch 32");
        fitThroughput("digits_cnn", GpuBench::digitsCnn, Precision.FLOAT32, images, labels, 32, plan.digitsEpochs(), plan.digitsRounds());
        int[] y = syntheticLabels(plan.cnnSamples());
        try (TFloat32 x = syntheticImages(y, new Random(42))) {
            log("CNN 32x32x3: " + y.length + " synthetic samples, batch 128");
            fitThroughput("cnn32", GpuBench::largerCnn, Precision.FLOAT32, x, y, 128, plan.cnnEpochs(), plan.cnnRounds());
            if (gpu) {
                log("CNN 32x32x3, mixed_float16");
                fitThroughput("cnn32_mixed_float16", GpuBench::largerCnn, Precision.MIXED_FLOAT16, x, y, 128,
                        plan.cnnEpochs(), plan.cnnRounds());
            }
        }
    }

    /**
     * Samples per second of Sequential.fit, the whole call, after one untimed epoch (the graph's build, TensorFlow's
     * first-run costs, cuDNN's choice of algorithms); one number per round, and the loss at the end.
     */
    static void fitThroughput(String key, Supplier<Sequential> make, Precision precision, Object x, int[] y, int batch,
                              int epochs, int rounds) {
        double[] perSecond = new double[rounds];
        History history;
        try (Sequential model = make.get()) {
            model.compile(Optimizer.adam(0.001), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, precision);
            quietly(() -> model.fit(x, y, 1, batch));
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                quietly(() -> model.fit(x, y, epochs, batch));
                perSecond[r] = (double) y.length * epochs / ((System.nanoTime() - t0) / 1e9);
            }
            history = model.history();
        }
        result(key + "_samples_per_s", median(perSecond));
        result(key + "_runs", join(perSecond));
        result(key + "_loss", history.last("loss"));
    }

    /** The digits CNN of `./jotter bench ml` and the README: Conv2D 16×3×3, MaxPooling2D, Dense 10. */
    static Sequential digitsCnn() {
        return new Sequential(new Input(8, 8, 1), new Conv2D(16, 3, "relu"), new MaxPooling2D(2), new Flatten(),
                new Dense(10, "softmax"));
    }

    /** A CIFAR-sized CNN: Conv2D 32 → MaxPool → Conv2D 64 → MaxPool → Dense 128 → Dense 10. */
    static Sequential largerCnn() {
        return new Sequential(new Input(32, 32, 3), new Conv2D(32, 3, "relu"), new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"), new MaxPooling2D(2), new Flatten(), new Dense(128, "relu"),
                new Dense(10, "softmax"));
    }

    /** Ten classes in turn. */
    static int[] syntheticLabels(int samples) {
        int[] y = new int[samples];
        Arrays.setAll(y, i -> i % 10);
        return y;
    }

    /** 32×32×3 images: noise, plus a brighter diagonal band whose place says the class (so there is something to learn). */
    static TFloat32 syntheticImages(int[] y, Random random) {
        int size = 32 * 32 * 3;
        float[] flat = new float[y.length * size];
        for (int s = 0; s < y.length; s++) {
            for (int p = 0; p < size; p++) {
                int row = p / (32 * 3);
                int column = (p / 3) % 32;
                boolean band = ((row + column) / 6) % 10 == y[s];
                flat[s * size + p] = random.nextFloat() * 0.5f + (band ? 0.5f : 0f);
            }
        }
        return TFloat32.tensorOf(Shape.of(y.length, 32, 32, 3), DataBuffers.of(flat, true, false));
    }

    /** Runs a fit with its console progress lines discarded. */
    static void quietly(Runnable fit) {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            fit.run();
        } finally {
            System.setOut(RESULTS);
        }
    }

    /** Says why this column cannot run, and ends with the kernel's no-GPU status. */
    static void fail(String reason) {
        System.err.println("GpuBench: " + reason);
        result("error", reason);
        System.exit(NO_GPU);
    }

    static void result(String key, Object value) {
        Object shown = value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : value;
        RESULTS.println("RESULT " + key + "=" + shown);
        RESULTS.flush();
    }

    static void log(String line) {
        System.err.println("[GpuBench] " + line);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    static String join(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.6g", v)).collect(Collectors.joining(","));
    }
}
