package io.jotter.learn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Datasets shipped with Jotter, nothing downloaded: the four small classic sets that scikit-learn
 * ships (licence and sources in {@code io/jotter/learn/datasets/LICENSE.txt}), and {@link #csv} and
 * {@link #images} for a student's own files: on the kernel's disk, or uploaded to Jotter.
 */
public final class Datasets {
    private static final String ROOT = "/io/jotter/learn/datasets/";

    private Datasets() {
    }

    /** 1,797 handwritten digits, 8×8 pixels of 0 to 16, classes 0 to 9 (UCI optical recognition, test part). */
    public static Dataset digits() {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                features.add("pixel_" + i + "_" + j);
            }
        }
        List<String> classes = new ArrayList<>();
        for (int d = 0; d <= 9; d++) {
            classes.add(String.valueOf(d));
        }
        List<String[]> rows = readRows("digits.csv.gz", true);
        return build("digits", rows, 0, 64, features, classes, new int[] {8, 8, 1});
    }

    /** 150 iris flowers, 4 measurements in cm, 3 species. */
    public static Dataset iris() {
        return bundled("iris", "iris.csv", List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"));
    }

    /** 178 Italian wines, 13 chemical measurements, 3 cultivars. */
    public static Dataset wine() {
        return bundled("wine", "wine_data.csv", List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
                "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
                "od280/od315_of_diluted_wines", "proline"));
    }

    /** 569 breast tumour samples, 30 measurements of cell nuclei, malignant (0) or benign (1). */
    public static Dataset breastCancer() {
        List<String> features = new ArrayList<>();
        for (String prefix : List.of("mean ", "", "worst ")) {
            for (String f : List.of("radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
                    "concave points", "symmetry", "fractal dimension")) {
                features.add(prefix.isEmpty() ? f + " error" : prefix + f);
            }
        }
        return bundled("breast_cancer", "breast_cancer.csv", features);
    }

    /** The sklearn layout: a first line "samples,features,class names...", then features and the class number. */
    private static Dataset bundled(String name, String file, List<String> features) {
        List<String[]> rows = readRows(file, false);
        String[] header = rows.get(0);
        int samples = Integer.parseInt(header[0].trim());
        List<String> classes = List.of(header).subList(2, header.length);
        Dataset dataset = build(name, rows, 1, features.size(), features, classes, null);
        if (dataset.size() != samples) {
            throw new IllegalStateException(file + " says " + samples + " samples but has " + dataset.size());
        }
        return dataset;
    }

    private static Dataset build(String name, List<String[]> rows, int skip, int featureCount, List<String> features,
            List<String> classes, int[] imageShape) {
        int n = rows.size() - skip;
        float[][] x = new float[n][featureCount];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            String[] row = rows.get(i + skip);
            for (int j = 0; j < featureCount; j++) {
                x[i][j] = Float.parseFloat(row[j].trim());
            }
            y[i] = Float.parseFloat(row[featureCount].trim());
        }
        return new Dataset(name, x, y, features, classes, imageShape);
    }

    private static List<String[]> readRows(String file, boolean gzip) {
        try (InputStream raw = Datasets.class.getResourceAsStream(ROOT + file)) {
            if (raw == null) {
                throw new IllegalStateException("dataset file " + file + " is missing from jotter-learn");
            }
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().filter(line -> !line.isBlank()).map(line -> line.split(",")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A folder of your own images, one subfolder per class ({@code pets/cat/1.png}, {@code pets/dog/2.jpg}),
     * each image scaled to {@code width}×{@code height}, pixels 0 to 1, in grey (one channel) or, with
     * {@code color}, red, green and blue; classes in the order of their folders' names. For Conv2D, use
     * {@link Dataset#images()}. A folder not on the kernel's disk is taken from your Jotter files
     * ({@link NotebookFiles}).
     */
    public static Dataset images(String folder, int width, int height, boolean color) {
        return ImageFolder.read(NotebookFiles.get(folder), width, height, color);
    }

    public static Dataset images(Path folder, int width, int height, boolean color) {
        return ImageFolder.read(folder, width, height, color);
    }

    /**
     * A CSV file of your own: a header line of column names, then one sample per line, numbers
     * separated by commas (no quoted commas). {@code labelColumn} names the label: when its values
     * are words or whole numbers it is a classification (classes numbered in order of first
     * appearance for words, by value for numbers); otherwise a regression target. Every other
     * column must be numeric. A path not on the kernel's disk is taken from your Jotter files
     * ({@link NotebookFiles}).
     */
    public static Dataset csv(String path, String labelColumn) {
        return csv(NotebookFiles.get(path), labelColumn);
    }

    public static Dataset csv(Path path, String labelColumn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
        if (lines.size() < 2) {
            throw new IllegalArgumentException(path + " has no samples: it needs a header line and at least one row");
        }
        String[] header = cells(lines.get(0));
        int label = List.of(header).indexOf(labelColumn);
        if (label < 0) {
            throw new IllegalArgumentException(path + " has no column \"" + labelColumn + "\"; its columns are " + List.of(header));
        }
        List<String> features = new ArrayList<>();
        for (int j = 0; j < header.length; j++) {
            if (j != label) {
                features.add(header[j]);
            }
        }
        int n = lines.size() - 1;
        float[][] x = new float[n][features.size()];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            String[] row = cells(lines.get(i + 1));
            if (row.length != header.length) {
                throw new IllegalArgumentException(path + " line " + (i + 2) + " has " + row.length + " values but the header has "
                        + header.length + " columns");
            }
            int k = 0;
            for (int j = 0; j < row.length; j++) {
                if (j == label) {
                    labels[i] = row[j];
                    continue;
                }
                try {
                    x[i][k++] = Float.parseFloat(row[j]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(path + " line " + (i + 2) + ", column \"" + header[j] + "\": \"" + row[j]
                            + "\" is not a number");
                }
            }
        }
        String name = path.getFileName().toString();
        return labelsAreClasses(labels) ? classification(name, x, labels, features) : regression(name, x, labels, features);
    }

    private static boolean labelsAreClasses(String[] labels) {
        for (String label : labels) {
            try {
                double v = Double.parseDouble(label);
                if (v != Math.rint(v)) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return true;
    }

    private static Dataset classification(String name, float[][] x, String[] labels, List<String> features) {
        boolean numeric = java.util.Arrays.stream(labels).allMatch(l -> l.matches("-?\\d+(\\.0*)?"));
        Map<String, Integer> classes = new LinkedHashMap<>();
        java.util.stream.Stream<String> order = numeric
                ? java.util.Arrays.stream(labels).distinct().sorted(java.util.Comparator.comparingDouble(Double::parseDouble))
                : java.util.Arrays.stream(labels).distinct();
        order.forEach(l -> classes.put(l, classes.size()));
        float[] y = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = classes.get(labels[i]);
        }
        return new Dataset(name, x, y, features, new ArrayList<>(classes.keySet()), null);
    }

    private static Dataset regression(String name, float[][] x, String[] labels, List<String> features) {
        float[] y = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = Float.parseFloat(labels[i]);
        }
        return new Dataset(name, x, y, features, null, null);
    }

    private static String[] cells(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].trim();
            if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                cell = cell.substring(1, cell.length() - 1);
            }
            cells[i] = cell;
        }
        return cells;
    }
}
