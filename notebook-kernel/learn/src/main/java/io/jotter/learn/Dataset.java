package io.jotter.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A table of samples: features {@link #x()} and, for classification, class numbers {@link #y()}
 * with their {@link #classNames()}; for regression, {@link #targets()}. Immutable: the arrays
 * handed out are copies.
 */
public final class Dataset {
    private final String name;
    private final float[][] x;
    private final float[] targets;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final int[] imageShape;

    Dataset(String name, float[][] x, float[] targets, List<String> featureNames, List<String> classNames, int[] imageShape) {
        if (x.length != targets.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " samples but " + targets.length + " labels");
        }
        this.name = name;
        this.x = x;
        this.targets = targets;
        this.featureNames = List.copyOf(featureNames);
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        this.imageShape = imageShape;
    }

    public String name() {
        return name;
    }

    /** How many samples. */
    public int size() {
        return x.length;
    }

    /** How many features per sample. */
    public int features() {
        return featureNames.size();
    }

    /** The features, one row per sample. */
    public float[][] x() {
        float[][] copy = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].clone();
        }
        return copy;
    }

    /** The samples as images, samples × height × width × channels, for Conv2D; only for image datasets (digits: 8×8×1). */
    public float[][][][] images() {
        if (imageShape == null) {
            throw new IllegalStateException(name + " is not a set of images; use x()");
        }
        int h = imageShape[0];
        int w = imageShape[1];
        int c = imageShape[2];
        float[][][][] images = new float[x.length][h][w][c];
        for (int n = 0; n < x.length; n++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    for (int k = 0; k < c; k++) {
                        images[n][i][j][k] = x[n][(i * w + j) * c + k];
                    }
                }
            }
        }
        return images;
    }

    /** The class number of each sample, 0 to {@code classes() - 1}; only for classification datasets. */
    public int[] y() {
        if (classNames == null) {
            throw new IllegalStateException(name + " is a regression dataset: its labels are numbers, use targets()");
        }
        int[] y = new int[targets.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) targets[i];
        }
        return y;
    }

    /** The label of each sample as a number (the class number, for classification). */
    public float[] targets() {
        return targets.clone();
    }

    /** The features as a tensor, samples × features; close it when done. */
    public TFloat32 xTensor() {
        float[] flat = new float[x.length * features()];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * features(), features());
        }
        return TFloat32.tensorOf(Shape.of(x.length, features()), DataBuffers.of(flat, true, false));
    }

    /** The class numbers as a tensor; close it when done. */
    public TInt32 yTensor() {
        return TInt32.tensorOf(Shape.of(targets.length), DataBuffers.of(y(), true, false));
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The class names, in class-number order; empty for regression. */
    public List<String> classNames() {
        return classNames == null ? List.of() : classNames;
    }

    public int classes() {
        return classNames().size();
    }

    /**
     * Splits the samples, shuffled with {@code seed}, into a training set and a test set of
     * {@code testFraction} of them (at least one in each), keeping each class's share the same
     * in both (stratified) for classification.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be above 0 and below 1, not " + testFraction);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException(name + " has " + x.length + " samples; a split needs at least 2");
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> group : groups()) {
            java.util.Collections.shuffle(group, random);
            int testCount = (int) Math.round(group.size() * testFraction);
            test.addAll(group.subList(0, testCount));
            train.addAll(group.subList(testCount, group.size()));
        }
        if (test.isEmpty() || train.isEmpty()) {
            throw new IllegalArgumentException("testFraction " + testFraction + " of " + x.length + " samples leaves one side empty");
        }
        java.util.Collections.shuffle(train, random);
        java.util.Collections.shuffle(test, random);
        return new Split(subset(name + " (train)", train), subset(name + " (test)", test));
    }

    private List<List<Integer>> groups() {
        List<List<Integer>> groups = new ArrayList<>();
        if (classNames == null) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                all.add(i);
            }
            groups.add(all);
            return groups;
        }
        for (int c = 0; c < classNames.size(); c++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < x.length; i++) {
            groups.get((int) targets[i]).add(i);
        }
        return groups;
    }

    Dataset subset(String subsetName, List<Integer> indices) {
        float[][] xs = new float[indices.size()][];
        float[] ts = new float[indices.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x[indices.get(i)];
            ts[i] = targets[indices.get(i)];
        }
        return new Dataset(subsetName, xs, ts, featureNames, classNames, imageShape);
    }

    /** Every feature multiplied by {@code factor}, e.g. {@code digits.scaled(1 / 16.0)} for pixels from 0 to 1. */
    public Dataset scaled(double factor) {
        return map(name, (column, value) -> (float) (value * factor));
    }

    /** Features shifted and scaled by the given per-feature means and standard deviations. */
    Dataset standardized(double[] means, double[] deviations) {
        return map(name, (column, value) -> (float) ((value - means[column]) / deviations[column]));
    }

    /** Per-feature mean and standard deviation (a constant feature gets deviation 1). */
    double[][] moments() {
        int f = features();
        double[] means = new double[f];
        double[] deviations = new double[f];
        for (float[] row : x) {
            for (int j = 0; j < f; j++) {
                means[j] += row[j] / (double) x.length;
            }
        }
        for (float[] row : x) {
            for (int j = 0; j < f; j++) {
                deviations[j] += (row[j] - means[j]) * (row[j] - means[j]) / x.length;
            }
        }
        for (int j = 0; j < f; j++) {
            deviations[j] = deviations[j] > 1e-12 ? Math.sqrt(deviations[j]) : 1;
        }
        return new double[][] {means, deviations};
    }

    private interface FeatureMap {
        float apply(int column, float value);
    }

    private Dataset map(String newName, FeatureMap f) {
        float[][] xs = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            xs[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                xs[i][j] = f.apply(j, x[i][j]);
            }
        }
        return new Dataset(newName, xs, targets, featureNames, classNames, imageShape);
    }

    @Override
    public String toString() {
        String labels = classNames == null ? "a numeric target" : classNames.size() + " classes " + classNames;
        return name + ": " + x.length + " samples × " + features() + " features, " + labels;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dataset d && d.name.equals(name) && Arrays.deepEquals(d.x, x) && Arrays.equals(d.targets, targets);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(targets);
    }
}
