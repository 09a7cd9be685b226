package io.jotter.server.contents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns the content of a save into what is stored, refusing what must not be stored: a file without
 * a format, bad base64, anything over the size limit, a notebook that nbformat's schema rejects.
 */
@ApplicationScoped
public class ContentDecoder {
    private final ObjectMapper json;
    private final NotebookValidator validator;
    private final ContentsConfig config;

    public ContentDecoder(ObjectMapper json, NotebookValidator validator, ContentsConfig config) {
        this.json = json;
        this.validator = validator;
        this.config = config;
    }

    public StoredContent decode(ContentsPath path, ContentsRequest request) {
        ContentType type = ContentType.parse(request.type());
        if (type == null) {
            throw new BadContentsRequestException("No file type provided");
        }
        if (type == ContentType.DIRECTORY) {
            return StoredContent.DIRECTORY;
        }
        if (request.content() == null || request.content().isNull()) {
            throw new BadContentsRequestException("No file content provided");
        }
        if (type == ContentType.NOTEBOOK) {
            return notebook(path, request.content());
        }
        byte[] bytes = fileBytes(path, request.format(), request.content());
        // A text editor saving an .ipynb as a file saves a notebook: Jupyter reads it back as one too.
        return path.isNotebookName() && request.chunk() == null ? notebookFromBytes(path, bytes) : StoredContent.file(bytes);
    }

    /** A part of a chunked upload, as bytes: Jupyter's large-file uploads send base64 parts. */
    public byte[] chunkBytes(ContentsPath path, ContentsRequest request) {
        return fileBytes(path, request.format(), request.content());
    }

    public StoredContent notebook(ContentsPath path, JsonNode notebook) {
        if (!notebook.isObject()) {
            throw new BadContentsRequestException("a notebook's content must be a JSON object (nbformat 4), not "
                    + notebook.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        String text = write(notebook);
        checkSize(path, text.getBytes(StandardCharsets.UTF_8).length);
        validator.check(path, notebook);
        return StoredContent.notebook(text);
    }

    public void checkSize(ContentsPath path, long bytes) {
        long max = config.maxSize().asLongValue();
        if (bytes > max) {
            throw new ContentTooLargeException(path + " is " + bytes + " bytes; Jotter stores at most " + max);
        }
    }

    private byte[] fileBytes(ContentsPath path, String format, JsonNode content) {
        if (!content.isTextual()) {
            throw new BadContentsRequestException("a file's content must be a string (text or base64)");
        }
        byte[] bytes;
        if ("text".equals(format)) {
            bytes = content.textValue().getBytes(StandardCharsets.UTF_8);
        } else if ("base64".equals(format)) {
            try {
                bytes = Base64.getMimeDecoder().decode(content.textValue());
            } catch (IllegalArgumentException e) {
                throw new BadContentsRequestException("Encoding error saving " + path + ": " + e.getMessage());
            }
        } else {
            throw new BadContentsRequestException("Must specify format of file contents as 'text' or 'base64'");
        }
        checkSize(path, bytes.length);
        return bytes;
    }

    /** A notebook sent or stored as bytes of JSON: parsed, then checked as any notebook. */
    public StoredContent notebookFromBytes(ContentsPath path, byte[] bytes) {
        JsonNode notebook;
        try {
            notebook = json.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new BadContentsRequestException(path + " is not notebook JSON: " + e.getMessage(), "bad format");
        }
        return notebook(path, notebook == null ? json.missingNode() : notebook);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }
}
