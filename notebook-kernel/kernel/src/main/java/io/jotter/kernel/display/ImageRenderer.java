package io.jotter.kernel.display;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** AWT images as inline PNG. Only reached for values that are {@code RenderedImage}s. */
final class ImageRenderer {
    private ImageRenderer() {
    }

    static MimeBundle render(Object value) {
        RenderedImage image = (RenderedImage) value;
        String plain = value.getClass().getSimpleName() + " " + image.getWidth() + "x" + image.getHeight();
        return png(image, plain);
    }

    /** The image as {@code image/png}, with its size as metadata so the frontend can lay it out before decoding. */
    static MimeBundle png(RenderedImage image, String plain) {
        ObjectNode size = JsonNodeFactory.instance.objectNode()
                .put("width", image.getWidth())
                .put("height", image.getHeight());
        return MimeBundle.text(plain)
                .with(MimeBundle.PNG, Base64.getEncoder().encodeToString(pngBytes(image)))
                .withMetadata(MimeBundle.PNG, size);
    }

    static byte[] pngBytes(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalArgumentException("no PNG writer for " + image.getClass().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
