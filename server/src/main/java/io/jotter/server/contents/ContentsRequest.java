package io.jotter.server.contents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What clients send to PUT, POST and PATCH: a (partial) contents model. JupyterLab sends type,
 * format and content to save; type and ext, or copy_from, to create; path to rename.
 *
 * @param type notebook, file or directory
 * @param format json, text or base64
 * @param content a notebook's JSON object, or a file's text or base64
 * @param path the new path, for a rename
 * @param copyFrom what to copy, for a POST
 * @param ext the extension of an untitled file, for a POST
 * @param version Jotter's: the version this save is based on; absent means last write wins
 * @param chunk Jupyter's large-file upload: 1 for the first part, 2.. for the next, -1 for the last
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContentsRequest(String type, String format, JsonNode content, String path, String copyFrom, String ext,
        Long version, Integer chunk) {
}
