package io.jotter.learn;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/** The training curves shown when {@code fit} ends: the loss and each metric side by side, in one PNG. */
final class CurvesImage {
    private CurvesImage() {
    }

    /** A bundle with {@code image/png} and a text summary; null when no epoch finished. */
    static Map<String, String> bundle(History history) {
        if (history.epochs() == 0) {
            return null;
        }
        List<XYChart> charts = new ArrayList<>();
        for (String key : history.keys()) {
            if (!key.startsWith("val_")) {
                charts.add(history.plot(key));
            }
        }
        List<BufferedImage> images = charts.stream().map(BitmapEncoder::getBufferedImage).toList();
        int width = images.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x = 0;
        for (BufferedImage image : images) {
            g.drawImage(image, x, 0, null);
            x += image.getWidth();
        }
        g.dispose();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", summary(history));
        bundle.put("image/png", Base64.getEncoder().encodeToString(png(all)));
        return bundle;
    }

    private static String summary(History history) {
        List<String> parts = new ArrayList<>();
        for (String key : history.keys()) {
            List<Double> values = history.get(key);
            parts.add(String.format(Locale.ROOT, "%s %.4f -> %.4f", key, values.get(0), values.get(values.size() - 1)));
        }
        return "Training curves over " + history.epochs() + " epochs: " + String.join(", ", parts);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
