package io.jotter.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @Test
    void digitsAre1797ImagesOf8By8() {
        Dataset digits = Datasets.digits();
        assertEquals(1797, digits.size());
        assertEquals(64, digits.features());
        assertEquals(10, digits.classes());
        float[][][][] images = digits.images();
        assertEquals(List.of(1797, 8, 8, 1), List.of(images.length, images[0].length, images[0][0].length, images[0][0][0].length));
        // The first digit of sklearn's copy is a 0 whose first row is 0,0,5,13,9,1,0,0.
        assertEquals(0, digits.y()[0]);
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0}, Arrays.copyOf(digits.x()[0], 8));
        assertEquals(13f, images[0][0][3][0]);
        assertTrue(Arrays.stream(digits.x()).flatMapToDouble(r -> java.util.stream.IntStream.range(0, r.length)
                .mapToDouble(i -> r[i])).allMatch(v -> v >= 0 && v <= 16));
    }

    @Test
    void theTabularSetsHaveSklearnsCounts() {
        assertCounts(Datasets.iris(), 150, 4, List.of("setosa", "versicolor", "virginica"));
        assertCounts(Datasets.wine(), 178, 13, List.of("class_0", "class_1", "class_2"));
        assertCounts(Datasets.breastCancer(), 569, 30, List.of("malignant", "benign"));
        assertEquals(212, Arrays.stream(Datasets.breastCancer().y()).filter(c -> c == 0).count(), "malignant samples");
        assertEquals(50, Arrays.stream(Datasets.iris().y()).filter(c -> c == 2).count());
    }

    private static void assertCounts(Dataset d, int samples, int features, List<String> classes) {
        assertEquals(samples, d.size(), d.name());
        assertEquals(features, d.features(), d.name());
        assertEquals(features, d.x()[0].length, d.name());
        assertEquals(classes, d.classNames(), d.name());
    }

    @Test
    void aSplitIsSeededAndStratified() {
        Split a = Datasets.iris().split(0.2, 7);
        Split b = Datasets.iris().split(0.2, 7);
        assertEquals(120, a.train().size());
        assertEquals(30, a.test().size());
        assertArrayEquals(a.test().y(), b.test().y());
        for (int c = 0; c < 3; c++) {
            int cls = c;
            assertEquals(10, Arrays.stream(a.test().y()).filter(y -> y == cls).count(), "class " + c + " in the test set");
        }
        Split other = Datasets.iris().split(0.2, 8);
        assertTrue(!Arrays.deepEquals(a.test().x(), other.test().x()), "another seed, another split");
    }

    @Test
    void standardizingUsesTheTrainingSetOnly() {
        Split s = Datasets.wine().split(0.25, 1).standardized();
        double[][] moments = s.train().moments();
        for (int j = 0; j < 13; j++) {
            assertEquals(0, moments[0][j], 1e-4);
            assertEquals(1, moments[1][j], 1e-3);
        }
    }

    @Test
    void aStudentsCsvWithWordLabels(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pets.csv");
        Files.writeString(file, "weight,kind,height\n4.0,cat,25\n30,dog,60\n5,cat,24\n\n");
        Dataset pets = Datasets.csv(file, "kind");
        assertEquals(3, pets.size());
        assertEquals(List.of("weight", "height"), pets.featureNames());
        assertEquals(List.of("cat", "dog"), pets.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, pets.y());
        assertArrayEquals(new float[] {30, 60}, pets.x()[1]);
    }

    @Test
    void aCsvWithFractionalLabelsIsARegression(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("houses.csv");
        Files.writeString(file, "rooms,price\n3,1.5\n4,2.25\n");
        Dataset houses = Datasets.csv(file, "price");
        assertArrayEquals(new float[] {1.5f, 2.25f}, houses.targets());
        assertThrows(IllegalStateException.class, houses::y);
    }

    @Test
    void csvMistakesAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b,label\n1,2,0\n1,x,1\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.csv(file, "label"));
        assertEquals(file + " line 3, column \"b\": \"x\" is not a number", e.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> Datasets.csv(file, "class"));
        assertTrue(missing.getMessage().contains("no column \"class\""), missing.getMessage());
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "a,label\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.csv(empty, "label"))
                .getMessage().contains("has no samples"));
    }
}
