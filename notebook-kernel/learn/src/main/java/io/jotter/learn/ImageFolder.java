package io.jotter.learn;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A folder of images, one subfolder per class (as Keras's {@code image_dataset_from_directory} reads
 * one): {@code pets/cat/1.png}, {@code pets/dog/7.jpg}. Each image is scaled to one size, its pixels to
 * 0..1, grey or red-green-blue.
 */
final class ImageFolder {
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    private ImageFolder() {
    }

    static Dataset read(Path folder, int width, int height, boolean color) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("images need a size of at least 1×1, not " + width + "×" + height);
        }
        List<Path> classFolders = list(folder).filter(Files::isDirectory).sorted().toList();
        if (classFolders.isEmpty()) {
            throw new IllegalArgumentException(folder + " has no subfolders: put each class's images in a folder of its own,"
                    + " named after the class (" + folder + "/cat/1.png, " + folder + "/dog/2.png)");
        }
        int channels = color ? 3 : 1;
        List<float[]> samples = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Path classFolder : classFolders) {
            List<Path> images = list(classFolder).filter(ImageFolder::isImage).sorted().toList();
            if (images.isEmpty()) {
                continue;
            }
            for (Path image : images) {
                samples.add(pixels(image, width, height, color));
                labels.add((float) classes.size());
            }
            classes.add(classFolder.getFileName().toString());
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(folder + " holds no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ")");
        }
        float[] y = new float[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        List<String> features = new ArrayList<>();
        for (int i = 0; i < height * width * channels; i++) {
            features.add("pixel_" + i);
        }
        return new Dataset(folder.getFileName().toString(), samples.toArray(float[][]::new), y, features, classes,
                new int[] {height, width, channels});
    }

    private static Stream<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(file) && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Row by row, channel last, as {@link Dataset#images()} reads them back. */
    private static float[] pixels(Path file, int width, int height, boolean color) {
        BufferedImage read;
        try {
            read = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read the image " + file + ": " + e.getMessage(), e);
        }
        if (read == null) {
            throw new IllegalArgumentException(file + " is not an image Java can read (PNG, JPEG, GIF or BMP)");
        }
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(read, 0, 0, width, height, null);
        g.dispose();
        int channels = color ? 3 : 1;
        float[] pixels = new float[height * width * channels];
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                int rgb = scaled.getRGB(j, i);
                float r = ((rgb >> 16) & 0xff) / 255f;
                float gr = ((rgb >> 8) & 0xff) / 255f;
                float b = (rgb & 0xff) / 255f;
                int at = (i * width + j) * channels;
                if (color) {
                    pixels[at] = r;
                    pixels[at + 1] = gr;
                    pixels[at + 2] = b;
                } else {
                    pixels[at] = 0.299f * r + 0.587f * gr + 0.114f * b;
                }
            }
        }
        return pixels;
    }
}
