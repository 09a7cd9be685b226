package io.jotter.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class SavedModelTest {
    private static Split iris;

    @BeforeAll
    static void loadIris() {
        iris = Datasets.iris().split(0.2, 1).standardized();
    }

    private static Sequential trainedIrisModel() {
        Sequential model = new Sequential(new Input(4), new Dense(16, "relu"), new Dropout(0.1), new Dense(3, "softmax"))
                .compile(Optimizer.adam(0.01), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Metric.ACCURACY)
                .output(new RecordingOutput());
        model.fit(iris.train().x(), iris.train().y(), 20, 16);
        return model;
    }

    @Test
    void saveThenLoadGivesTheSamePredictions(@TempDir Path dir) {
        Path saved = dir.resolve("iris-model");
        try (Sequential model = trainedIrisModel()) {
            double accuracy = model.evaluate(iris.test().x(), iris.test().y()).get("accuracy");
            assertTrue(accuracy >= 0.9, "iris test accuracy " + accuracy);
            float[][] before = model.predict(iris.test().x());
            model.save(saved.toString());
            assertTrue(Files.isRegularFile(saved.resolve("saved_model.pb")));
            assertTrue(Files.isDirectory(saved.resolve("variables")));

            try (Sequential loaded = Sequential.load(saved.toString())) {
                float[][] after = loaded.predict(iris.test().x());
                for (int i = 0; i < before.length; i++) {
                    assertArrayEquals(before[i], after[i], 1e-6f, "sample " + i);
                }
                assertEquals(model.summaryText(), loaded.summaryText());
                assertEquals(accuracy, loaded.evaluate(iris.test().x(), iris.test().y()).get("accuracy"), 1e-9, "compiled as saved");
            }
            // Saving again (a re-run cell) replaces the model there.
            model.save(saved);
        }
    }

    @Test
    void anyTensorFlowProgramCanServeTheSavedModel(@TempDir Path dir) {
        try (Sequential model = trainedIrisModel()) {
            model.save(dir.resolve("m"));
            float[][] expected = model.predict(new float[][] {iris.test().x()[0]});
            try (SavedModelBundle bundle = SavedModelBundle.load(dir.resolve("m").toString(), "serve");
                    TFloat32 x = TFloat32.tensorOf(Shape.of(1, 4), DataBuffers.of(iris.test().x()[0], true, false))) {
                try (var result = bundle.function("serving_default").call(Map.of("x", x))) {
                    Tensor predictions = result.get("predictions").orElseThrow();
                    float[] row = new float[3];
                    ((TFloat32) predictions).copyTo(DataBuffers.of(row, false, false));
                    assertArrayEquals(expected[0], row, 1e-6f);
                }
            }
        }
    }

    @Test
    void fineTuningWithFrozenLayersLeavesThemAlone(@TempDir Path dir) {
        try (Sequential model = trainedIrisModel()) {
            model.save(dir.resolve("base"));
        }
        try (Sequential loaded = Sequential.load(dir.resolve("base")).output(new RecordingOutput())) {
            Map<String, float[]> before = loaded.weights();
            loaded.layer("dense_1").trainable(false);
            loaded.fit(iris.train().x(), iris.train().y(), 3, 16);
            Map<String, float[]> after = loaded.weights();
            assertArrayEquals(before.get("dense_1_kernel"), after.get("dense_1_kernel"), "frozen");
            assertArrayEquals(before.get("dense_1_bias"), after.get("dense_1_bias"), "frozen");
            assertFalse(java.util.Arrays.equals(before.get("dense_2_kernel"), after.get("dense_2_kernel")), "trained");
            assertTrue(loaded.summaryText().contains("Non-trainable params: 80"), loaded.summaryText()); // 4*16 + 16

            loaded.save(dir.resolve("tuned"));
            try (Sequential tuned = Sequential.load(dir.resolve("tuned"))) {
                assertFalse(tuned.layer("dense_1").isTrainable(), "the frozen flag is saved too");
            }
        }
    }

    @Test
    void loadingSomethingElseSaysWhy(@TempDir Path dir) throws Exception {
        var none = assertThrows(IllegalArgumentException.class, () -> Sequential.load(dir));
        assertEquals(dir + " holds no SavedModel (no saved_model.pb)", none.getMessage());
        Files.writeString(dir.resolve("notes.txt"), "mine");
        try (Sequential model = trainedIrisModel()) {
            var occupied = assertThrows(IllegalArgumentException.class, () -> model.save(dir));
            assertTrue(occupied.getMessage().endsWith("holds something other than a saved model; save into a new folder"),
                    occupied.getMessage());
        }
    }
}
