package io.jotter.server.contents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Builds Jupyter contents models from stored entries, with or without content, as a GET asked. */
@ApplicationScoped
public class ContentsModels {
    /**
     * How a GET wants the content.
     *
     * @param content whether to include it at all ({@code content=1}, the default)
     * @param type the type asked for, or null: a notebook asked for as a file comes as its JSON text
     * @param format text or base64 for files, or null to pick (text if it is UTF-8)
     * @param hash whether to include a sha256 of the stored bytes
     */
    public record Request(boolean content, ContentType type, String format, boolean hash) {
        public static final Request NO_CONTENT = new Request(false, null, null, false);
    }

    private final ObjectMapper json;

    public ContentsModels(ObjectMapper json) {
        this.json = json;
    }

    public ContentsModel of(ContentsEntry entry, Request request) {
        ContentsPath path = entry.path();
        StoredContent stored = entry.stored();
        ContentType type = request.type() == ContentType.FILE ? ContentType.FILE : stored.type();
        String hash = request.hash() && type != ContentType.DIRECTORY ? sha256(stored.asBytes()) : null;
        JsonNode content = null;
        String format = null;
        String mimetype = type == ContentType.FILE ? guessMimetype(path.name()) : null;
        if (request.content() && type == ContentType.NOTEBOOK) {
            content = readTree(stored.notebookJson());
            format = "json";
        } else if (request.content() && type == ContentType.FILE) {
            byte[] bytes = stored.type() == ContentType.NOTEBOOK ? prettyJson(stored) : stored.asBytes();
            String text = request.format() == null || request.format().equals("text") ? utf8(bytes) : null;
            if (text == null && "text".equals(request.format())) {
                throw new BadContentsRequestException(path + " is not UTF-8 encoded", "bad format");
            }
            content = TextNode.valueOf(text != null ? text : Base64.getEncoder().encodeToString(bytes));
            format = text != null ? "text" : "base64";
            mimetype = mimetype != null ? mimetype : text != null ? "text/plain" : "application/octet-stream";
        }
        return new ContentsModel(path.name(), path.value(), type.wireName(), true, entry.createdAt(),
                entry.updatedAt(), mimetype, content, format, type == ContentType.DIRECTORY ? null : entry.size(),
                entry.version(), hash, hash == null ? null : "sha256");
    }

    /** A directory model; {@code children} null means without content. */
    public ContentsModel directory(ContentsPath path, Instant created, Instant lastModified, long version,
            List<EntrySummary> children) {
        JsonNode content = children == null ? null : json.valueToTree(children.stream().map(this::of).toList());
        return new ContentsModel(path.name(), path.value(), ContentType.DIRECTORY.wireName(), true, created,
                lastModified, null, content, children == null ? null : "json", null, version, null, null);
    }

    /** A directory's child, without content, as Jupyter lists it. */
    public ContentsModel of(EntrySummary summary) {
        ContentsPath path = new ContentsPath(summary.path());
        boolean directory = summary.type().equals(ContentType.DIRECTORY.wireName());
        boolean file = summary.type().equals(ContentType.FILE.wireName());
        return new ContentsModel(path.name(), path.value(), summary.type(), true, summary.createdAt(),
                summary.updatedAt(), file ? guessMimetype(path.name()) : null, null, null,
                directory ? null : summary.size(), summary.version(), null, null);
    }

    static String guessMimetype(String name) {
        return URLConnection.guessContentTypeFromName(name);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private byte[] prettyJson(StoredContent notebook) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(readTree(notebook.notebookJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored notebook is not JSON", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
