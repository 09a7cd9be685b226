package io.jotter.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParametersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode notebook(String... sources) {
        ObjectNode notebook = JSON.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
        ArrayNode cells = notebook.putArray("cells");
        for (String source : sources) {
            cells.addObject().put("cell_type", "code").put("source", source).set("metadata", JSON.createObjectNode());
        }
        return notebook;
    }

    private static JsonNode parameters(Map<String, Object> values) {
        return JSON.valueToTree(values);
    }

    private static List<String> sources(ExecutedNotebook prepared) {
        return java.util.stream.IntStream.range(0, prepared.cellCount()).mapToObj(prepared::code).toList();
    }

    @Test
    void aParameterNamedLikeAFormFieldSetsItsLiteralAndTheRestAreInjected() {
        ObjectNode source = notebook(
                "//@title Training\nint epochs = 5; //@param {type:\"slider\", min:1, max:20}\n"
                        + "String model = \"cnn\"; // @param [\"cnn\", \"mlp\"]\ntrain(epochs);",
                "double rate = 0.01; //@param {type:\"number\"}\r\nboolean augment = true; //@param {type:\"boolean\"}\r\n");
        ExecutedNotebook prepared = ExecutedNotebook.prepare(source, parameters(Map.of(
                "epochs", 7, "model", "mlp \"v2\"", "rate", 1, "augment", false, "extra", 3)));
        List<String> code = sources(prepared);
        assertEquals(3, code.size());
        assertEquals("// Parameters injected by Jotter for this job\nint extra = 3;\n", code.get(0));
        assertEquals("//@title Training\nint epochs = 7; //@param {type:\"slider\", min:1, max:20}\n"
                + "String model = \"mlp \\\"v2\\\"\"; // @param [\"cnn\", \"mlp\"]\ntrain(epochs);", code.get(1));
        assertEquals("double rate = 1.0; //@param {type:\"number\"}\r\nboolean augment = false; //@param {type:\"boolean\"}\r\n",
                code.get(2));
    }

    @Test
    void onlyFormFieldsNeedNoInjectedCell() {
        ExecutedNotebook prepared = ExecutedNotebook.prepare(notebook("long seed = 1L; //@param\nvar f = 0.5f; //@param"),
                parameters(Map.of("seed", 42, "f", 0.25)));
        assertEquals(List.of("long seed = 42L; //@param\nvar f = 0.25f; //@param"), sources(prepared));
    }

    @Test
    void aPlainDeclarationIsNoFormField() {
        ExecutedNotebook prepared = ExecutedNotebook.prepare(notebook("int epochs = 5;\nint n = 1; // @parameter"),
                parameters(Map.of("epochs", 7)));
        assertEquals(List.of("// Parameters injected by Jotter for this job\nint epochs = 7;\n", "int epochs = 5;\nint n = 1; // @parameter"),
                sources(prepared));
    }

    @Test
    void aValueTheFieldCannotTakeIsRefused() {
        ObjectNode source = notebook("int epochs = 5; //@param {type:\"integer\"}\nboolean b = true; //@param");
        assertThrows(BadJobRequestException.class, () -> ExecutedNotebook.prepare(source, parameters(Map.of("epochs", 2.5))));
        assertThrows(BadJobRequestException.class, () -> ExecutedNotebook.prepare(source, parameters(Map.of("epochs", "x"))));
        assertThrows(BadJobRequestException.class, () -> ExecutedNotebook.prepare(source, parameters(Map.of("b", 1))));
        assertEquals(List.of("int epochs = 3; //@param {type:\"integer\"}\nboolean b = true; //@param"),
                sources(ExecutedNotebook.prepare(source, parameters(Map.of("epochs", 3.0)))));
    }
}
