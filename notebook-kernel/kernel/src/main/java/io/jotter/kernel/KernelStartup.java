package io.jotter.kernel;

import io.jotter.kernel.eval.CellOutcome;
import io.jotter.kernel.eval.JShellEvaluator;
import io.jotter.kernel.transport.KernelLog;

/** Starting JShell with what every cell may use, and warming the compiler before the first cell. */
final class KernelStartup {
    /** JShell's own default imports, and the notebook API without an import. */
    static final String IMPORTS = """
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.nio.file.*;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.*;
            import java.util.regex.*;
            import java.util.stream.*;
            import static io.jotter.kernel.display.Notebook.*;
            import io.jotter.kernel.display.Plot;
            import io.jotter.learn.Tensors;
            import io.jotter.kernel.widgets.*;
            import static io.jotter.kernel.widgets.Widgets.*;
            """;

    /** A few throwaway snippets of each kind, so javac's hot paths are compiled before the user's first cell. */
    private static final String[] WARM_UP = {
        "Math.max(1, 2)", "int jotterWarmUp = 1;", "jotterWarmUp = jotterWarmUp + 1;", "String.valueOf(jotterWarmUp)",
        "for (int i = 0; i < 2; i++) { jotterWarmUp += i; }",
    };

    private KernelStartup() {
    }

    static JShellEvaluator startEvaluator() {
        long start = System.nanoTime();
        JShellEvaluator evaluator = new JShellEvaluator();
        CellOutcome imports = evaluator.evaluate(IMPORTS, "[startup]");
        if (!(imports instanceof CellOutcome.Success)) {
            KernelLog.info("startup imports failed: " + imports);
        }
        for (String snippet : WARM_UP) {
            evaluator.evaluate(snippet, "[startup]");
        }
        evaluator.forget("jotterWarmUp");
        KernelLog.debug(String.format("JShell ready in %d ms", (System.nanoTime() - start) / 1_000_000));
        return evaluator;
    }
}
