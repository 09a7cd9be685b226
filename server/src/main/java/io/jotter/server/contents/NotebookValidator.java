package io.jotter.server.contents;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Checks notebooks against nbformat's own JSON schemas for version 4, shipped as resources and loaded
 * once. As nbformat does, a notebook is checked against the schema of its minor version (4.0 to 4.4
 * have no cell ids, which 4.5 requires) and a newer minor against the latest, {@code nbformat.v4.schema.json} (4.5).
 */
@ApplicationScoped
public class NotebookValidator {
    /** Enough to find the problem; a broken notebook can fail hundreds of rules at once. */
    static final int PROBLEMS_SHOWN = 5;

    private static final int LATEST_MINOR = 5;

    private final List<JsonSchema> schemaByMinor = new ArrayList<>();

    public NotebookValidator() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        for (int minor = 0; minor <= LATEST_MINOR; minor++) {
            String name = minor == LATEST_MINOR ? "nbformat.v4.schema.json" : "nbformat.v4." + minor + ".schema.json";
            schemaByMinor.add(load(factory, "/nbformat/" + name));
        }
    }

    /** Throws {@link InvalidNotebookException} naming the first few failing JSON paths, unless the notebook is valid. */
    public void check(ContentsPath path, JsonNode notebook) {
        JsonNode major = notebook.path("nbformat");
        if (!major.isMissingNode() && !(major.isIntegralNumber() && major.intValue() == 4)) {
            throw new InvalidNotebookException(path.value(), List.of("$.nbformat: is " + major
                    + "; Jotter stores nbformat 4 notebooks only (convert it with jupyter nbconvert --to notebook)"));
        }
        int minor = notebook.path("nbformat_minor").asInt(LATEST_MINOR);
        Set<ValidationMessage> errors = schemaByMinor.get(Math.max(0, Math.min(minor, LATEST_MINOR))).validate(notebook);
        if (!errors.isEmpty()) {
            throw new InvalidNotebookException(path.value(), errors.stream()
                    .sorted(Comparator.comparing(e -> e.getInstanceLocation().toString()))
                    .limit(PROBLEMS_SHOWN)
                    .map(ValidationMessage::getMessage)
                    .toList());
        }
    }

    private static JsonSchema load(JsonSchemaFactory factory, String resource) {
        try (InputStream in = NotebookValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
