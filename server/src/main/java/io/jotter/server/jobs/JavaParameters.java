package io.jotter.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Parameter values as Java declarations, for the cell injected after the one tagged {@code parameters} (papermill's
 * rule, in Java). A name the parameters cell declares with a type keeps that type ({@code double lr = 0.1;} given 1
 * becomes {@code double lr = 1.0;}); otherwise strings are {@code String}, booleans {@code boolean}, integers
 * {@code int} or {@code long} by size, other numbers {@code double}.
 */
final class JavaParameters {
    private JavaParameters() {
    }

    /** @throws BadJobRequestException for a name that is no Java identifier, or a value that is not a scalar */
    static void check(JsonNode parameters) {
        if (!parameters.isObject()) {
            throw new BadJobRequestException("parameters must be an object of name: value, or a list of such objects");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name) || name.equals("_")) {
                throw new BadJobRequestException("parameter name '" + name + "' is not a Java identifier: "
                        + "use letters, digits, _ and $, not starting with a digit, and no keyword");
            }
            JsonNode value = field.getValue();
            if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                throw new BadJobRequestException("parameter " + name + " must be a string, a number or a boolean");
            }
        }
    }

    /** The injected cell's source: one declaration a line, in the order given. */
    static String declarations(JsonNode parameters, String parametersCell) {
        StringBuilder code = new StringBuilder("// Parameters injected by Jotter for this job\n");
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            code.append(declaration(field.getKey(), field.getValue(), declaredType(parametersCell, field.getKey())))
                    .append('\n');
        }
        return code.toString();
    }

    static String declaration(String name, JsonNode value, String declaredType) {
        if (value.isTextual()) {
            return (declaredType == null ? "String" : declaredType) + " " + name + " = " + literal(value.asText()) + ";";
        }
        if (value.isBoolean()) {
            return (declaredType == null ? "boolean" : declaredType) + " " + name + " = " + value.asBoolean() + ";";
        }
        String type = declaredType == null ? naturalType(value) : declaredType;
        return type + " " + name + " = " + number(value, type) + ";";
    }

    private static String naturalType(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToInt() ? "int" : "long";
        }
        return "double";
    }

    static String number(JsonNode value, String type) {
        return switch (type) {
            case "double", "Double" -> Double.toString(value.asDouble());
            case "float", "Float" -> Float.toString((float) value.asDouble()) + "f";
            case "long", "Long" -> value.isIntegralNumber() ? value.asText() + "L" : value.asText();
            default -> value.isIntegralNumber() ? value.asText() : Double.toString(value.asDouble());
        };
    }

    /** The type the parameters cell declares {@code name} with, if it does with a plain one (not {@code var}). */
    static String declaredType(String parametersCell, String name) {
        if (parametersCell == null) {
            return null;
        }
        Matcher declared = Pattern.compile("(?m)^\\s*(?:final\\s+)?([A-Za-z_$][\\w$.]*(?:<[\\w$.,<> ?]*>)?(?:\\[\\])*)\\s+"
                + Pattern.quote(name) + "\\s*=").matcher(parametersCell);
        String type = null;
        while (declared.find()) {
            type = declared.group(1);
        }
        return type == null || type.equals("var") || type.equals("return") ? null : type;
    }

    /**
     * A Java string literal. Control characters become octal escapes, never {@code \}{@code uXXXX}: javac turns
     * those into the character itself before it reads the literal, and a line break there would not compile.
     */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
