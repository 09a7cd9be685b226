package io.jotter.server.contents;

import java.nio.charset.StandardCharsets;

/**
 * What an entry holds, as stored: a notebook's JSON text, a file's bytes, or nothing for a directory.
 *
 * @param type what the entry is
 * @param notebookJson the nbformat JSON, for a notebook only
 * @param bytes the file's bytes, for a file only
 */
public record StoredContent(ContentType type, String notebookJson, byte[] bytes) {
    public static final StoredContent DIRECTORY = new StoredContent(ContentType.DIRECTORY, null, null);

    public static StoredContent notebook(String json) {
        return new StoredContent(ContentType.NOTEBOOK, json, null);
    }

    public static StoredContent file(byte[] bytes) {
        return new StoredContent(ContentType.FILE, null, bytes);
    }

    /** The bytes a client would download: a notebook's JSON in UTF-8, a file's own bytes. */
    public byte[] asBytes() {
        if (type == ContentType.NOTEBOOK) {
            return notebookJson.getBytes(StandardCharsets.UTF_8);
        }
        return bytes == null ? new byte[0] : bytes;
    }
}
