package io.jotter.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RenderersTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void imagesBecomePngOfTheSameSize() throws IOException {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 20, Color.RED.getRGB());

        MimeBundle bundle = Renderers.render(image);

        assertEquals("BufferedImage 200x100", bundle.plainText());
        BufferedImage decoded = decodePng(bundle);
        assertEquals(200, decoded.getWidth());
        assertEquals(100, decoded.getHeight());
        assertEquals(Color.RED.getRGB(), decoded.getRGB(10, 20));
        assertEquals(200, bundle.metadata().get(MimeBundle.PNG).get("width").intValue());
    }

    @Test
    void htmlAndMarkdownKeepAPlainTextForm() {
        MimeBundle html = Renderers.render(Notebook.html("<b>hi</b>"));
        assertEquals("<b>hi</b>", html.get(MimeBundle.HTML));
        assertEquals("<b>hi</b>", html.plainText());

        MimeBundle markdown = Renderers.render(Notebook.markdown("# Title"));
        assertEquals("# Title", markdown.get(MimeBundle.MARKDOWN));
        assertEquals("# Title", markdown.plainText());
    }

    @Test
    void plainValuesUseToString() {
        Object value = new Object() {
            @Override
            public String toString() {
                return "a point (1, 2)";
            }
        };
        MimeBundle bundle = Renderers.render(value);
        assertEquals("a point (1, 2)", bundle.plainText());
        assertEquals(1, bundle.data().size(), "only text/plain");
        assertEquals("null", Renderers.render(null).plainText());
        assertEquals("[1, 2]", Renderers.render(List.of(1, 2)).plainText());
    }

    @Test
    void arraysShowTheirElements() {
        assertEquals("[1, 2, 3]", Renderers.render(new int[] {1, 2, 3}).plainText());
        assertEquals("[0.5, 1.5]", Renderers.render(new double[] {0.5, 1.5}).plainText());
        assertEquals("[true, false]", Renderers.render(new boolean[] {true, false}).plainText());
        assertEquals("[a, b]", Renderers.render(new char[] {'a', 'b'}).plainText());
        assertEquals("[[1, 2], [3]]", Renderers.render(new int[][] {{1, 2}, {3}}).plainText());
        assertEquals("[x, [y, z]]", Renderers.render(new Object[] {"x", new String[] {"y", "z"}}).plainText());
    }

    @Test
    void aThrowingToStringStillRenders() {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        String plain = Renderers.render(broken).plainText();
        assertTrue(plain.contains("toString() threw") && plain.contains("boom"), plain);
    }

    @Test
    void displayablesChooseTheirOwnBundle() {
        Displayable withoutText = () -> MimeBundle.empty().with("application/json", "{}");
        MimeBundle bundle = Renderers.render(withoutText);
        assertEquals("{}", bundle.get("application/json"));
        assertNotNull(bundle.get(MimeBundle.TEXT), "text/plain is added when missing");
        assertNull(bundle.get(MimeBundle.HTML));
    }

    @Test
    void bundlesAreCopiedNotChanged() {
        MimeBundle text = MimeBundle.text("a");
        MimeBundle both = text.with(MimeBundle.HTML, "<i>a</i>");
        assertFalse(text.data().has(MimeBundle.HTML));
        assertEquals("<i>a</i>", both.get(MimeBundle.HTML));
    }

    static BufferedImage decodePng(MimeBundle bundle) throws IOException {
        byte[] png = Base64.getDecoder().decode(bundle.get(MimeBundle.PNG));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "image/png decodes");
        return image;
    }
}
