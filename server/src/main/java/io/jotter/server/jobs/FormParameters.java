package io.jotter.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Job parameters that set a Colab form field: a parameter named like a variable declared on a {@code //@param}
 * line ({@code int epochs = 5; //@param {type:"slider", min:1, max:20}}) rewrites that literal in the frozen
 * source, as the notebook's form would, rather than being injected. The browser's form reads the same lines
 * (web-frontend/src/forms/annotations.ts); this needs only the declaration and its literal, not the options.
 */
final class FormParameters {
    private static final String LITERAL = "\"(?:[^\"\\\\\\n]|\\\\.)*\""
            + "|-?(?:\\d[\\d_]*(?:\\.[\\d_]*)?|\\.\\d[\\d_]*)(?:[eE][+-]?\\d+)?[lLfFdD]?|true|false";
    private static final String TYPE = "[A-Za-z_$][\\w$.]*(?:<[\\w$.,<> ?]*>)?";

    private FormParameters() {
    }

    /**
     * Sets, in every code cell, the form fields that {@code parameters} name.
     *
     * @return the parameters that name no form field, to inject as before
     * @throws BadJobRequestException for a value the field's variable cannot take (text for an {@code int})
     */
    static ObjectNode apply(ArrayNode cells, JsonNode parameters) {
        ObjectNode rest = parameters.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Pattern line = declaration(field.getKey());
            for (JsonNode cell : cells) {
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                String source = ExecutedNotebook.source(cell);
                String rewritten = rewrite(source, line, field.getKey(), field.getValue());
                if (!rewritten.equals(source)) {
                    ((ObjectNode) cell).put("source", rewritten);
                    rest.remove(field.getKey());
                }
            }
        }
        return rest;
    }

    private static Pattern declaration(String name) {
        return Pattern.compile("(?m)^(\\s*(?:final\\s+)?(?:(" + TYPE + ")\\s+)?" + Pattern.quote(name) + "\\s*=\\s*)("
                + LITERAL + ")(\\s*;\\s*//\\s*@param\\b.*)$");
    }

    private static String rewrite(String source, Pattern line, String name, JsonNode value) {
        Matcher matcher = line.matcher(source);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String literal = literal(name, matcher.group(2), matcher.group(3), value);
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + literal + matcher.group(4)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code value} as a literal of the kind the field's literal is, in its declared type. */
    static String literal(String name, String declaredType, String old, JsonNode value) {
        if (old.startsWith("\"")) {
            return JavaParameters.literal(value.asText());
        }
        if (old.equals("true") || old.equals("false")) {
            if (!value.isBoolean()) {
                throw new BadJobRequestException("parameter " + name + " sets a boolean form field: give true or false");
            }
            return Boolean.toString(value.asBoolean());
        }
        if (!value.isNumber()) {
            throw new BadJobRequestException("parameter " + name + " sets a number form field: give a number");
        }
        boolean untyped = declaredType == null || declaredType.equals("var");
        boolean integral = untyped ? !old.matches(".*[.eEfFdD].*") : declaredType.matches("int|Integer|long|Long|short|Short|byte|Byte");
        if (integral) {
            if (!isWhole(value)) {
                throw new BadJobRequestException("parameter " + name + " sets a whole-number form field: give a whole number");
            }
            String whole = value.isIntegralNumber() ? value.asText() : Long.toString((long) value.asDouble());
            // The literal's L says long where `var` does not.
            return whole + (old.matches(".*[lL]") || "long".equals(declaredType) || "Long".equals(declaredType) ? "L" : "");
        }
        String type = untyped ? (old.matches(".*[fF]") ? "float" : "double") : declaredType;
        return JavaParameters.number(value, type);
    }

    private static boolean isWhole(JsonNode value) {
        return value.isIntegralNumber() || value.asDouble() == Math.rint(value.asDouble());
    }
}
