package io.jotter.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SequentialTest {
    private static Split digits;

    @BeforeAll
    static void loadDigits() {
        digits = Datasets.digits().split(0.25, 42).standardized();
    }

    private static Sequential digitsMlp(RecordingOutput out) {
        return new Sequential(new Input(64), new Dense(64, "relu"), new Dense(10, "softmax"))
                .compile("adam", "sparse_categorical_crossentropy", "accuracy").output(out);
    }

    @Test
    void aSmallMlpLearnsTheDigits() {
        try (Sequential model = digitsMlp(new RecordingOutput())) {
            History history = model.fit(digits.train().x(), digits.train().y(), 10, 32, 0.1);
            assertEquals(10, history.epochs());
            assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.keys());
            assertTrue(history.get("loss").get(9) < history.get("loss").get(0) / 5, history.toString());
            Map<String, Double> test = model.evaluate(digits.test().x(), digits.test().y());
            assertTrue(test.get("accuracy") >= 0.9, "test accuracy " + test);
            int[] predicted = model.predictClasses(digits.test().x());
            long right = java.util.stream.IntStream.range(0, predicted.length)
                    .filter(i -> predicted[i] == digits.test().y()[i]).count();
            assertEquals(test.get("accuracy"), right / (double) predicted.length, 1e-6, "predict agrees with evaluate");
        }
    }

    /**
     * The same seed gives the same initial weights, Dropout masks and batches. TensorFlow's CPU kernels
     * (oneDNN, several threads) may add floats in another order, so training agrees to rounding only.
     */
    @Test
    void theSameSeedTrainsTheSameModel() {
        float[][] x = digits.train().x();
        int[] y = digits.train().y();
        try (Sequential a = digitsMlp(new RecordingOutput()); Sequential b = digitsMlp(new RecordingOutput());
                Sequential c = digitsMlp(new RecordingOutput()).seed(7)) {
            assertArrayEquals(a.weights().get("dense_1_kernel"), b.weights().get("dense_1_kernel"));
            assertTrue(a.weights().get("dense_1_kernel")[0] != c.weights().get("dense_1_kernel")[0], "another seed, other weights");
            List<Double> lossA = a.fit(x, y, 2).get("loss");
            List<Double> lossB = b.fit(x, y, 2).get("loss");
            assertEquals(lossA.get(1), lossB.get(1), 0.01 * lossA.get(1));
            assertEquals(a.evaluate(digits.test().x(), digits.test().y()).get("accuracy"),
                    b.evaluate(digits.test().x(), digits.test().y()).get("accuracy"), 0.01);
        }
    }

    @Test
    void regressionWithMseLowersTheLoss() {
        // y = 2a - 3b + 1 with a little structure to learn; SGD on one linear unit.
        java.util.Random random = new java.util.Random(3);
        float[][] x = new float[256][2];
        float[] y = new float[256];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextFloat() * 2 - 1;
            x[i][1] = random.nextFloat() * 2 - 1;
            y[i] = 2 * x[i][0] - 3 * x[i][1] + 1;
        }
        try (Sequential model = new Sequential(new Dense(1)).compile(Optimizer.sgd(0.1), Loss.MEAN_SQUARED_ERROR, Metric.MEAN_ABSOLUTE_ERROR)
                .output(new RecordingOutput())) {
            History history = model.fit(x, y, 20, 16);
            List<Double> loss = history.get("loss");
            assertTrue(loss.get(19) < loss.get(0) / 100, "loss " + loss);
            assertTrue(history.last("mae") < 0.05, history.toString());
            assertArrayEquals(new long[] {2}, model.inputShape(), "taken from the data");
        }
    }

    @Test
    void binaryAndOneHotLossesTrainToo() {
        Split cancer = Datasets.breastCancer().split(0.25, 5).standardized();
        try (Sequential binary = new Sequential(new Dense(16, "relu"), new Dense(1, "sigmoid"))
                .compile(Optimizer.adam(0.01), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).output(new RecordingOutput())) {
            binary.fit(cancer.train().x(), cancer.train().targets(), 10, 32);
            double accuracy = binary.evaluate(cancer.test().x(), cancer.test().targets()).get("accuracy");
            assertTrue(accuracy >= 0.9, "breast cancer test accuracy " + accuracy);
        }
        Split iris = Datasets.iris().split(0.2, 5).standardized();
        try (Sequential oneHot = new Sequential(new Dense(8, "tanh"), new Dense(3, "softmax"))
                .compile(Optimizer.sgd(0.1, 0.9), Loss.CATEGORICAL_CROSSENTROPY, Metric.ACCURACY).output(new RecordingOutput());
                var xTensor = iris.train().xTensor()) {
            oneHot.fit(xTensor, oneHot(iris.train().y(), 3), 30, 16);
            double accuracy = oneHot.evaluate(iris.test().x(), oneHot(iris.test().y(), 3)).get("accuracy");
            assertTrue(accuracy >= 0.9, "iris test accuracy from one-hot labels and a tensor " + accuracy);
        }
    }

    private static float[][] oneHot(int[] labels, int classes) {
        float[][] rows = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            rows[i][labels[i]] = 1;
        }
        return rows;
    }

    @Test
    void summaryCountsParametersExactly() {
        Sequential mlp = new Sequential(new Input(64), new Dense(64, "relu"), new Dropout(0.2), new Dense(10, "softmax"));
        String text = mlp.summaryText();
        assertTrue(text.contains("dense_1 (Dense)              (None, 64)                  4,160"), text);
        assertTrue(text.contains("dropout_1 (Dropout)          (None, 64)                      0"), text);
        assertTrue(text.contains("dense_2 (Dense)              (None, 10)                    650"), text);
        assertTrue(text.contains("Total params: 4,810"), text);
        assertTrue(text.contains("Non-trainable params: 0"), text);

        Sequential cnn = new Sequential(new Input(8, 8, 1), new Conv2D(16, 3, "relu"), new MaxPooling2D(2),
                new Flatten(), new Dense(10, "softmax"));
        String cnnText = cnn.summaryText();
        assertTrue(cnnText.contains("(None, 6, 6, 16)") && cnnText.contains("160"), cnnText); // 3*3*1*16 + 16
        assertTrue(cnnText.contains("(None, 3, 3, 16)"), cnnText);
        assertTrue(cnnText.contains("(None, 144)"), cnnText);
        assertTrue(cnnText.contains("1,450"), cnnText); // 144*10 + 10
        assertTrue(cnnText.contains("Total params: 1,610"), cnnText);

        RecordingOutput out = new RecordingOutput();
        mlp.output(out).layer(0).trainable(false);
        mlp.summary();
        Map<String, String> shown = out.all().get(0).bundle();
        assertTrue(shown.get("text/html").startsWith("<table"), shown.toString());
        assertTrue(shown.get("text/html").contains("<td>dense_1 (Dense) <i>frozen</i></td><td>(None, 64)</td>"), shown.toString());
        assertTrue(shown.get("text/plain").contains("Non-trainable params: 4,160"), shown.toString());
    }

    @Test
    void fitShowsOneLiveDisplayThenTheCurves() {
        RecordingOutput out = new RecordingOutput();
        try (Sequential model = digitsMlp(out)) {
            model.fit(digits.train().x(), digits.train().y(), 2, 64, 0.2);
        }
        List<RecordingOutput.Shown> shown = out.all();
        RecordingOutput.Shown first = shown.get(0);
        assertEquals("display", first.kind());
        assertNotNull(first.displayId());
        List<RecordingOutput.Shown> updates = shown.stream().filter(s -> s.kind().equals("update")).toList();
        assertTrue(updates.size() >= 3, "an update per epoch and a last one: " + updates.size());
        assertTrue(updates.stream().allMatch(u -> u.displayId().equals(first.displayId())));
        String last = updates.get(updates.size() - 1).bundle().get("text/plain");
        assertTrue(last.contains("Epoch 2/2") && last.contains("val_accuracy") && last.contains("Done in"), last);
        RecordingOutput.Shown curves = shown.get(shown.size() - 1);
        assertEquals("display", curves.kind());
        byte[] png = java.util.Base64.getDecoder().decode(curves.bundle().get("image/png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        assertTrue(curves.bundle().get("text/plain").startsWith("Training curves over 2 epochs: loss "), curves.toString());
    }

    @Test
    void anInterruptStopsBetweenBatchesAndKeepsTheModel() throws Exception {
        float[][] x = digits.train().x();
        int[] y = digits.train().y();
        Sequential model = digitsMlp(new RecordingOutput());
        History first = model.fit(x, y, 1, 32); // builds the graph, so the interrupt lands while training
        Object[] outcome = new Object[1];
        Thread cell = new Thread(() -> {
            try {
                outcome[0] = model.fit(x, y, 1000, 8);
            } catch (RuntimeException e) {
                outcome[0] = e;
            }
        });
        cell.start();
        while (model.history() == first || model.history().epochs() < 1) {
            Thread.sleep(10);
        }
        cell.interrupt();
        cell.join(10_000);
        assertTrue(outcome[0] instanceof java.util.concurrent.CancellationException, String.valueOf(outcome[0]));
        History history = model.history();
        assertTrue(history.interrupted() && history.epochs() < 1000, history.toString());
        // Chance is 0.1; a model reset to new weights would be near it.
        assertTrue(model.evaluate(digits.test().x(), digits.test().y()).get("accuracy") > 0.7, "the weights learned so far are kept");
        model.close();
    }

    @Test
    void aConvolutionalNetworkTrainsOnTheDigitImages() {
        Split images = Datasets.digits().scaled(1 / 16.0).split(0.25, 42);
        try (Sequential cnn = new Sequential(new Input(8, 8, 1), new Conv2D(16, 3, "relu"), new MaxPooling2D(2),
                new Flatten(), new Dense(10, "softmax"))
                .compile(Optimizer.adam(0.01), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Metric.ACCURACY)
                .output(new RecordingOutput())) {
            cnn.fit(images.train().images(), images.train().y(), 3, 32);
            double accuracy = cnn.evaluate(images.test().images(), images.test().y()).get("accuracy");
            assertTrue(accuracy >= 0.9, "CNN test accuracy " + accuracy);
        }
    }

    @Test
    void mistakesAreNamedInTheStudentsTerms() {
        Sequential model = digitsMlp(new RecordingOutput());
        float[][] x = digits.train().x();
        int[] y = digits.train().y();

        var wrongWidth = assertThrows(IllegalArgumentException.class, () -> model.fit(new float[10][65], new int[10], 1));
        assertEquals("x's samples have shape (65), but the model takes samples of shape (64) (its first layer is Dense 'dense_1')",
                wrongWidth.getMessage());

        int[] outOfRange = y.clone();
        outOfRange[5] = 10;
        var label = assertThrows(IllegalArgumentException.class, () -> model.fit(x, outOfRange, 1));
        assertEquals("y[5] is 10.0, but the last layer, Dense 'dense_2', has 10 outputs, for the classes 0 to 9", label.getMessage());

        var count = assertThrows(IllegalArgumentException.class, () -> model.fit(x, java.util.Arrays.copyOf(y, 10), 1));
        assertEquals("x has " + x.length + " samples but y has 10; they must match", count.getMessage());

        assertEquals("x has no samples", assertThrows(IllegalArgumentException.class,
                () -> model.fit(new float[0][], new int[0], 1)).getMessage());

        Sequential oneHot = new Sequential(new Input(64), new Dense(10, "softmax")).compile("sgd", "categorical_crossentropy");
        var lossMismatch = assertThrows(IllegalArgumentException.class, () -> oneHot.fit(x, y, 1));
        assertEquals("categorical_crossentropy compares y with the model's output, but y's samples have shape () and the last layer, "
                + "Dense 'dense_1', gives (10); for class numbers use sparse_categorical_crossentropy", lossMismatch.getMessage());

        var dense = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Input(8, 8, 1), new Dense(10)));
        assertEquals("Dense 'dense_1' takes flat samples, but its input has shape (8, 8, 1): put a Flatten() before it", dense.getMessage());

        var conv = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Conv2D(4, 3)).compile("adam", "mse")
                .fit(x, digits.train().targets(), 1));
        assertTrue(conv.getMessage().startsWith("Conv2D 'conv2d_1' takes images of shape (height, width, channels), but its input has shape (64)"),
                conv.getMessage());

        assertEquals("unknown activation \"rellu\"; use one of " + Activations.NAMES,
                assertThrows(IllegalArgumentException.class, () -> new Dense(3, "rellu")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.compile("adam", "mse", "accuracy"))
                .getMessage().startsWith("accuracy needs a classification loss"));
        assertTrue(assertThrows(IllegalStateException.class, () -> new Sequential(new Dense(1)).fit(x, y, 1))
                .getMessage().startsWith("compile the model before fit"));
        model.close();
    }
}
