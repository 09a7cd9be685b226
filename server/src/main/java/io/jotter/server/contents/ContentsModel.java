package io.jotter.server.contents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Jupyter Server's contents model (see its REST API, "contents"), plus Jotter's {@code version}.
 *
 * @param name the last segment of the path
 * @param path the full path from the user's root, no leading slash
 * @param type notebook, file or directory
 * @param writable whether the user may save it (always, for their own tree)
 * @param created when it was first stored
 * @param lastModified when its content last changed
 * @param mimetype a file's MIME type; null for notebooks and directories
 * @param content null unless asked for: a notebook's JSON, a file's text or base64, a directory's children
 * @param format json, text or base64 when content is present, else null
 * @param size bytes stored; null for directories
 * @param version Jotter's optimistic-locking version: send it back with a save to refuse lost updates
 * @param hash sha256 of the stored bytes, only when asked for ({@code hash=1})
 * @param hashAlgorithm {@code sha256} when {@code hash} is present
 */
public record ContentsModel(
        String name,
        String path,
        String type,
        boolean writable,
        Instant created,
        Instant lastModified,
        String mimetype,
        JsonNode content,
        String format,
        Long size,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String hash,
        @JsonInclude(JsonInclude.Include.NON_NULL) String hashAlgorithm) {
}
