package io.jotter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path folder;

    private void image(String path, Color fill, int size, String format) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(fill);
        g.fillRect(0, 0, size, size);
        g.dispose();
        ImageIO.write(image, format, file.toFile());
    }

    @Test
    void eachSubfolderIsAClassAndEveryImageComesOutTheSameSize() throws IOException {
        image("night/1.png", Color.BLACK, 20, "png");
        image("night/2.png", new Color(10, 10, 10), 7, "png");
        image("day/a.bmp", Color.WHITE, 33, "bmp");
        Files.writeString(folder.resolve("day/notes.txt"), "not an image");
        Dataset grey = Datasets.images(folder, 4, 3, false);
        assertEquals(3, grey.size());
        assertEquals(List.of("day", "night"), grey.classNames());
        assertEquals(12, grey.features());
        float[][][][] images = grey.images();
        assertEquals(List.of(3, 4, 1), List.of(images[0].length, images[0][0].length, images[0][0][0].length));
        assertEquals(0, grey.y()[0], "day first: folders in name order");
        assertEquals(1f, images[0][2][3][0], 1e-3);
        assertEquals(0f, images[1][0][0][0], 1e-3);

        image("day/red.png", Color.RED, 5, "png");
        Dataset color = Datasets.images(folder, 2, 2, true);
        float[] red = color.x()[1];
        assertEquals(12, red.length);
        assertEquals(1f, red[0], 1e-3);
        assertEquals(0f, red[1], 1e-3);
        assertEquals(0f, red[2], 1e-3);
    }

    @Test
    void aFolderWithoutClassFoldersOrImagesSaysHowToLayItOut() throws IOException {
        Files.writeString(folder.resolve("x.csv"), "a,b");
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class, () -> Datasets.images(folder, 8, 8, false));
        assertTrue(flat.getMessage().contains("subfolders"), flat.getMessage());
        Files.createDirectories(folder.resolve("empty"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Datasets.images(folder, 8, 8, false));
        assertTrue(none.getMessage().contains("no images"), none.getMessage());
        Files.writeString(folder.resolve("empty/broken.png"), "not really a png");
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, () -> Datasets.images(folder, 8, 8, false));
        assertTrue(broken.getMessage().contains("broken.png"), broken.getMessage());
    }
}
