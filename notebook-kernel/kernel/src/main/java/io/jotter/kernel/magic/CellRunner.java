package io.jotter.kernel.magic;

import io.jotter.kernel.eval.CellOutcome;
import io.jotter.kernel.eval.JShellEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a cell: its magics ({@code %name} lines, or a {@code %%name} first line for the whole cell)
 * and the Java between them, in order. Magic lines are left blank in the Java handed to JShell, so
 * errors name the lines the user sees. Magics print to {@code System.out}, which the cell's output captures.
 */
public final class CellRunner {
    private static final String MAGICS = """
            Line magics (one per line, anywhere in a cell):
              %maven group:artifact:version [...]  add a Maven Central artifact and its dependencies to the classpath
              %classpath [PATH ...]                show the classpath added in this session, or add jars or folders to it
              %time STATEMENT                      run one line and print how long it took
              %lsmagic                             list the magics
            Cell magics (on the first line):
              %%time                               run the cell and print how long it took""";

    private final JShellEvaluator evaluator;
    private final Supplier<MavenResolver> resolver;
    private final Set<Path> added = new LinkedHashSet<>();

    /** @param resolver made on first use: Maven's resolver takes a moment to set up */
    public CellRunner(JShellEvaluator evaluator, Supplier<MavenResolver> resolver) {
        this.evaluator = evaluator;
        this.resolver = resolver;
    }

    public CellOutcome run(String cell, String label) {
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && lines[first].strip().startsWith("%%")) {
            String magic = lines[first].strip().substring(2).split("\\s+", 2)[0];
            lines[first] = "";
            String body = String.join("\n", lines);
            if (!"time".equals(magic)) {
                return unknownMagic("%%" + magic);
            }
            return timed(() -> runLines(body, label));
        }
        return runLines(cell, label);
    }

    /** Evaluates one expression for {@code user_expressions}. */
    public CellOutcome evaluateExpression(String expression) {
        return evaluator.evaluate(expression.strip().replaceAll(";+$", ""), "[user_expressions]");
    }

    private CellOutcome runLines(String cell, String label) {
        String[] lines = cell.split("\n", -1);
        CellOutcome outcome = CellOutcome.Success.noValue();
        int chunkStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("%") || line.startsWith("%%")) {
                continue;
            }
            outcome = runJava(lines, chunkStart, i, label);
            if (!(outcome instanceof CellOutcome.Success)) {
                return outcome;
            }
            outcome = lineMagic(line, label);
            if (!(outcome instanceof CellOutcome.Success)) {
                return outcome;
            }
            chunkStart = i + 1;
        }
        CellOutcome last = runJava(lines, chunkStart, lines.length, label);
        boolean javaAfterMagics = chunkStart == 0 || hasCode(lines, chunkStart, lines.length);
        return javaAfterMagics ? last : outcome;
    }

    /** Runs lines [from, to) as Java, with the lines before them blank so numbering stays the cell's. */
    private CellOutcome runJava(String[] lines, int from, int to, String label) {
        if (!hasCode(lines, from, to)) {
            return CellOutcome.Success.noValue();
        }
        StringBuilder java = new StringBuilder("\n".repeat(from));
        for (int i = from; i < to; i++) {
            java.append(lines[i]).append(i + 1 < to ? "\n" : "");
        }
        return evaluator.evaluate(java.toString(), label);
    }

    private static boolean hasCode(String[] lines, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!lines[i].isBlank()) {
                return true;
            }
        }
        return false;
    }

    private CellOutcome lineMagic(String line, String label) {
        String[] parts = line.substring(1).split("\\s+", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String argument = parts.length > 1 ? parts[1].strip() : "";
        return switch (name) {
            case "maven" -> maven(argument);
            case "classpath" -> classpath(argument);
            case "time" -> timed(() -> evaluator.evaluate(argument, label));
            case "lsmagic" -> {
                System.out.println(MAGICS);
                yield CellOutcome.Success.noValue();
            }
            default -> unknownMagic("%" + parts[0]);
        };
    }

    private CellOutcome maven(String coordinates) {
        if (coordinates.isEmpty()) {
            return failure("UsageError", "%maven needs coordinates, for example %maven org.apache.commons:commons-lang3:3.14.0");
        }
        for (String coordinate : coordinates.split("\\s+")) {
            List<Path> jars;
            try {
                jars = resolver.get().resolve(coordinate);
            } catch (MavenResolutionException e) {
                return failure("MavenResolutionError", e.getMessage());
            }
            List<String> names = new ArrayList<>();
            for (Path jar : jars) {
                if (added.add(jar)) {
                    evaluator.addToClasspath(jar);
                    names.add(jar.getFileName().toString());
                }
            }
            System.out.println(names.isEmpty()
                    ? coordinate + " is already on the classpath"
                    : "Added " + coordinate + " to the classpath (" + names.size() + " jar"
                            + (names.size() == 1 ? "" : "s") + "): " + String.join(", ", names));
        }
        return CellOutcome.Success.noValue();
    }

    private CellOutcome classpath(String paths) {
        if (paths.isEmpty()) {
            System.out.println(added.isEmpty()
                    ? "Nothing added in this session. The kernel's own classpath (the JDK, TensorFlow Java, XChart) is always there."
                    : "Added in this session:\n  " + String.join("\n  ", added.stream().map(Path::toString).toList()));
            return CellOutcome.Success.noValue();
        }
        for (String entry : paths.split("\\s+")) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                return failure("FileNotFoundError", path + " does not exist");
            }
            if (added.add(path)) {
                evaluator.addToClasspath(path);
            }
            System.out.println("Added " + path + " to the classpath");
        }
        return CellOutcome.Success.noValue();
    }

    private static CellOutcome timed(Supplier<CellOutcome> body) {
        long start = System.nanoTime();
        CellOutcome outcome = body.get();
        double millis = (System.nanoTime() - start) / 1e6;
        System.out.printf(Locale.ROOT, "Wall time: %s%n", millis < 1000 ? String.format(Locale.ROOT, "%.2f ms", millis)
                : String.format(Locale.ROOT, "%.3f s", millis / 1000));
        return outcome;
    }

    private static CellOutcome unknownMagic(String magic) {
        return failure("UnknownMagic", magic + " is not a magic of this kernel; %lsmagic lists them");
    }

    private static CellOutcome failure(String ename, String message) {
        return new CellOutcome.Failure(ename, message, List.of("\u001b[0;31m" + ename + "\u001b[0m: " + message));
    }
}
