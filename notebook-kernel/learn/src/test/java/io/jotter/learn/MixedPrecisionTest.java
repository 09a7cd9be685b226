package io.jotter.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.GraphOperation;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/** Mixed precision on TensorFlow's CPU kernels, which have float16 and bfloat16 for every op the layers use. */
class MixedPrecisionTest {
    private static Split digits;
    private static Split images;
    /** The float32 MLP's test accuracy, which the mixed ones must come close to. */
    private static double float32Accuracy;

    @BeforeAll
    static void loadDigits() {
        digits = Datasets.digits().split(0.25, 42).standardized();
        images = Datasets.digits().scaled(1 / 16.0).split(0.25, 42);
        try (Sequential model = digitsMlp(Precision.FLOAT32)) {
            model.fit(digits.train().x(), digits.train().y(), 10, 32);
            float32Accuracy = model.evaluate(digits.test().x(), digits.test().y()).get("accuracy");
        }
    }

    private static Sequential digitsMlp(Precision precision) {
        return new Sequential(new Input(64), new Dense(64, "relu"), new Dropout(0.1), new Dense(10, "softmax"))
                .compile("adam", "sparse_categorical_crossentropy", precision, "accuracy").output(new RecordingOutput());
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"MIXED_BFLOAT16", "MIXED_FLOAT16"})
    void theDigitsMlpLearnsAsWellAsInFloat32(Precision precision) {
        try (Sequential model = digitsMlp(precision)) {
            History history = model.fit(digits.train().x(), digits.train().y(), 10, 32);
            assertTrue(history.get("loss").stream().allMatch(Double::isFinite), history.toString());
            assertTrue(history.last("loss") < history.get("loss").get(0) / 5, history.toString());
            double accuracy = model.evaluate(digits.test().x(), digits.test().y()).get("accuracy");
            assertTrue(accuracy >= 0.9, precision + " test accuracy " + accuracy);
            assertEquals(float32Accuracy, accuracy, 0.03, precision + " against float32's " + float32Accuracy);
            for (float[] weight : model.weights().values()) {
                for (float w : weight) {
                    assertTrue(Float.isFinite(w), "finite weights");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"MIXED_BFLOAT16", "MIXED_FLOAT16"})
    void theDigitsCnnLearnsToo(Precision precision) {
        try (Sequential cnn = new Sequential(new Input(8, 8, 1), new Conv2D(16, 3, "relu"), new MaxPooling2D(2),
                new Flatten(), new Dense(10, "softmax"))
                .compile(Optimizer.adam(0.01), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, precision, Metric.ACCURACY)
                .output(new RecordingOutput())) {
            History history = cnn.fit(images.train().images(), images.train().y(), 3, 32);
            assertTrue(history.get("loss").stream().allMatch(Double::isFinite), history.toString());
            double accuracy = cnn.evaluate(images.test().images(), images.test().y()).get("accuracy");
            assertTrue(accuracy >= 0.9, precision + " CNN test accuracy " + accuracy);
        }
    }

    /**
     * The saved graph is the one trained: float32 variables, bfloat16 matmuls and bias adds in the
     * hidden layer, a float32 softmax at the end, and a float32 serving signature.
     */
    @Test
    void weightsStayFloat32AndTheLayersComputeInTheMixedType(@TempDir Path dir) {
        try (Sequential model = digitsMlp(Precision.MIXED_BFLOAT16)) {
            model.fit(digits.train().x(), digits.train().y(), 1, 64);
            model.save(dir);
        }
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
            Map<String, DataType> outputTypes = new java.util.HashMap<>();
            Set<DataType> variableTypes = new HashSet<>();
            Iterator<GraphOperation> ops = bundle.graph().operations();
            while (ops.hasNext()) {
                GraphOperation op = ops.next();
                if (op.numOutputs() > 0) {
                    outputTypes.put(op.name(), op.output(0).dataType());
                }
                if (op.type().equals("VariableV2")) {
                    variableTypes.add(op.output(0).dataType());
                }
            }
            assertEquals(Set.of(DataType.DT_FLOAT_REF), variableTypes, "every variable, the optimizer's too, is float32");
            assertTrue(outputTypes.entrySet().stream().anyMatch(e -> e.getKey().contains("MatMul") && e.getValue() == DataType.DT_BFLOAT16),
                    outputTypes.toString());
            assertEquals(DataType.DT_FLOAT, outputTypes.get("predictions"));
            assertTrue(outputTypes.entrySet().stream().anyMatch(e -> e.getKey().contains("Softmax") && e.getValue() == DataType.DT_FLOAT),
                    "the output layer's softmax runs in float32: " + outputTypes);
            assertTrue(outputTypes.entrySet().stream().noneMatch(e -> e.getKey().contains("Softmax") && e.getValue() == DataType.DT_BFLOAT16),
                    "and only there: " + outputTypes);

            Signature signature = bundle.function("serving_default").signature();
            assertEquals(DataType.DT_FLOAT, signature.getInputs().get("x").dataType);
            assertEquals(DataType.DT_FLOAT, signature.getOutputs().get("predictions").dataType);
        }
    }

    @Test
    void aFloat32ModelHasNoHalfPrecisionOps(@TempDir Path dir) {
        try (Sequential model = digitsMlp(Precision.FLOAT32)) {
            model.save(dir);
        }
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve")) {
            Iterator<GraphOperation> ops = bundle.graph().operations();
            while (ops.hasNext()) {
                GraphOperation op = ops.next();
                for (int i = 0; i < op.numOutputs(); i++) {
                    DataType type = op.output(i).dataType();
                    assertTrue(type != DataType.DT_BFLOAT16 && type != DataType.DT_HALF, op.name() + " is " + type);
                }
            }
        }
    }

    @Test
    void saveAndLoadKeepThePolicy(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("mixed");
        float[][] sample = {digits.test().x()[0], digits.test().x()[1]};
        try (Sequential model = digitsMlp(Precision.MIXED_FLOAT16)) {
            model.fit(digits.train().x(), digits.train().y(), 2, 32);
            float[][] before = model.predict(sample);
            model.save(saved);
            assertTrue(Files.readString(saved.resolve(ModelSpec.FILE))
                    .contains("compile adam:0.001:0.0 sparse_categorical_crossentropy precision=mixed_float16 accuracy"));

            try (Sequential loaded = Sequential.load(saved).output(new RecordingOutput())) {
                assertEquals(Precision.MIXED_FLOAT16, loaded.precision());
                assertEquals(model.summaryText(), loaded.summaryText());
                float[][] after = loaded.predict(sample);
                for (int i = 0; i < before.length; i++) {
                    assertArrayEquals(before[i], after[i], 1e-6f, "sample " + i);
                }
                assertTrue(Double.isFinite(loaded.fit(digits.train().x(), digits.train().y(), 1, 32).last("loss")),
                        "trains further, loss-scaled");
            }
            try (SavedModelBundle bundle = SavedModelBundle.load(saved.toString(), "serve");
                    TFloat32 x = TFloat32.tensorOf(Shape.of(1, 64), DataBuffers.of(sample[0], true, false));
                    var result = bundle.function("serving_default").call(Map.of("x", x))) {
                Tensor predictions = result.get("predictions").orElseThrow();
                float[] row = new float[10];
                ((TFloat32) predictions).copyTo(DataBuffers.of(row, false, false));
                assertArrayEquals(before[0], row, 1e-6f, "any TensorFlow program serves it in float32");
            }
        }
    }

    @Test
    void theSummaryAndTheProgressNameAMixedPolicy() {
        Sequential mixed = digitsMlp(Precision.MIXED_BFLOAT16);
        assertTrue(mixed.summaryText().endsWith("Mixed precision: bfloat16 compute, float32 weights"), mixed.summaryText());
        RecordingOutput out = new RecordingOutput();
        mixed.output(out).summary();
        assertTrue(out.all().get(0).bundle().get("text/html").contains("Mixed precision: bfloat16 compute, float32 weights<br>"));
        mixed.fit(digits.train().x(), digits.train().y(), 1, 256);
        List<RecordingOutput.Shown> updates = out.all().stream().filter(s -> s.kind().equals("update")).toList();
        String progress = updates.get(updates.size() - 1).bundle().get("text/plain");
        assertTrue(progress.startsWith("Training on 1346 samples, 1 epochs of 6 batches (mixed precision: bfloat16 compute, "
                + "float32 weights). Done in"), progress);
        mixed.close();

        assertTrue(digitsMlp(Precision.MIXED_FLOAT16).summaryText()
                .endsWith("Mixed precision: float16 compute, float32 weights, dynamic loss scaling"));
        assertFalse(digitsMlp(Precision.FLOAT32).summaryText().contains("precision"));
    }

    @Test
    void compilingWithAnotherPolicyKeepsTheWeights() {
        try (Sequential model = digitsMlp(Precision.FLOAT32)) {
            model.fit(digits.train().x(), digits.train().y(), 5, 32);
            Map<String, float[]> trained = model.weights();
            double accuracy = model.evaluate(digits.test().x(), digits.test().y()).get("accuracy");
            model.compile("adam", "sparse_categorical_crossentropy", Precision.MIXED_BFLOAT16, "accuracy");
            trained.forEach((name, values) -> assertArrayEquals(values, model.weights().get(name), name));
            assertEquals(accuracy, model.evaluate(digits.test().x(), digits.test().y()).get("accuracy"), 0.02,
                    "the same weights, rounded to bfloat16 on the way into each layer");
        }
    }

    @Test
    void aWrongPolicyNameSaysWhichAreValid() {
        assertEquals(Precision.MIXED_BFLOAT16, Precision.of(" Mixed_BFloat16 "));
        assertEquals("unknown precision policy \"mixed_fp16\"; use one of [float32, mixed_float16, mixed_bfloat16]",
                assertThrows(IllegalArgumentException.class, () -> Precision.of("mixed_fp16")).getMessage());
        assertEquals("unknown precision policy \"bfloat16\"; use one of [float32, mixed_float16, mixed_bfloat16] "
                + "(the weights always stay float32 here, so the policy is \"mixed_bfloat16\")",
                assertThrows(IllegalArgumentException.class, () -> Precision.of("bfloat16")).getMessage());
        assertEquals(List.of("float32", "mixed_float16", "mixed_bfloat16"),
                java.util.Arrays.stream(Precision.values()).map(Precision::kerasName).toList());
    }
}
