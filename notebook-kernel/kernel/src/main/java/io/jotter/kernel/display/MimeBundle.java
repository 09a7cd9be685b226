package io.jotter.kernel.display;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One value in several representations, keyed by MIME type: the {@code data} and
 * {@code metadata} of {@code display_data}, {@code update_display_data} and
 * {@code execute_result}. The frontend picks the richest type it can show.
 *
 * <p>The nodes are mutable Jackson trees; the {@code with...} methods return a copy, so a
 * bundle that was handed out is never changed behind its holder's back.
 *
 * @param data MIME type to content: text as a JSON string, binary (image/png) base64-encoded
 * @param metadata MIME type to per-type metadata, e.g. {@code {"image/png": {"width": 640}}}
 */
public record MimeBundle(ObjectNode data, ObjectNode metadata) {
    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String PNG = "image/png";

    public MimeBundle {
        Objects.requireNonNull(data, "data");
        metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
    }

    /** A bundle with only {@code text/plain}. */
    public static MimeBundle text(String plain) {
        return empty().with(TEXT, plain);
    }

    /** {@code text/html} with a plain-text fallback for consoles and notebook diffs. */
    public static MimeBundle html(String html, String plain) {
        return text(plain).with(HTML, html);
    }

    public static MimeBundle empty() {
        return new MimeBundle(JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode());
    }

    /** A copy with {@code mimeType} set to {@code content}. */
    public MimeBundle with(String mimeType, String content) {
        ObjectNode copy = data.deepCopy();
        copy.put(mimeType, content);
        return new MimeBundle(copy, metadata.deepCopy());
    }

    /** A copy with the metadata for {@code mimeType} set. */
    public MimeBundle withMetadata(String mimeType, JsonNode value) {
        ObjectNode copy = metadata.deepCopy();
        copy.set(mimeType, value);
        return new MimeBundle(data.deepCopy(), copy);
    }

    /** The content for {@code mimeType} as text, or null when the bundle has none. */
    public String get(String mimeType) {
        JsonNode node = data.get(mimeType);
        return node == null ? null : node.isTextual() ? node.textValue() : node.toString();
    }

    /** The {@code text/plain} form, or the empty string. */
    public String plainText() {
        String plain = get(TEXT);
        return plain == null ? "" : plain;
    }
}
