package io.jotter.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JShellEvaluatorTest {
    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new JShellEvaluator();
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static CellOutcome.Success ok(String cell) {
        CellOutcome outcome = evaluator.evaluate(cell, "[t]");
        return assertInstanceOf(CellOutcome.Success.class, outcome, () -> cell + " gave " + outcome);
    }

    private static CellOutcome.Failure failure(String cell) {
        CellOutcome outcome = evaluator.evaluate(cell, "[t]");
        return assertInstanceOf(CellOutcome.Failure.class, outcome, () -> cell + " gave " + outcome);
    }

    @Test
    void aCellsLastExpressionIsItsValueAsARealObject() {
        CellOutcome.Success result = ok("int a = 20;\nint b = 22;\na + b");
        assertTrue(result.hasValue());
        assertEquals(42, result.value());
        Object image = ok("new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)").value();
        assertEquals(3, assertInstanceOf(BufferedImage.class, image).getWidth());
    }

    @Test
    void aTrailingSemicolonHidesTheValueAndStatementsHaveNone() {
        assertFalse(ok("Math.max(1, 2);").hasValue());
        assertFalse(ok("int c = 5;").hasValue());
        assertTrue(ok("Math.max(1, 2)").hasValue());
    }

    @Test
    void stateMethodsAndClassesPersistAcrossCells() {
        ok("""
                import java.util.function.IntUnaryOperator;
                class Counter { int n; int next() { return ++n; } }
                int twice(int x) { return 2 * x; }
                Counter counter = new Counter();
                """);
        ok("counter.next();");
        assertEquals(4, ok("twice(counter.next())").value());
        assertEquals(9, ok("IntUnaryOperator sq = x -> x * x;\nsq.applyAsInt(3)").value());
    }

    @Test
    void aCompileErrorNamesTheCellLineAndColumn() {
        CellOutcome.Failure error = failure("int ok1 = 1;\nint bad = \"x\";\nint never = 3;");
        assertEquals("CompilationError", error.ename());
        assertTrue(error.evalue().contains("incompatible types"), error.evalue());
        assertTrue(String.join("\n", error.traceback()).contains("line 2, column 11"), error.traceback().toString());
        assertTrue(ok("ok1").hasValue(), "snippets before the error ran");
        assertFalse(evaluator.evaluate("never", "[t]") instanceof CellOutcome.Success, "snippets after it did not");
    }

    @Test
    void aRuntimeErrorNamesTheExceptionAndTheCellLine() {
        ok("int divide(int a, int b) {\n  return a / b;\n}");
        CellOutcome.Failure error = failure("int x0 = 1;\nint y0 = 0;\ndivide(x0, y0)");
        assertEquals("java.lang.ArithmeticException", error.ename());
        assertEquals("/ by zero", error.evalue());
        String traceback = String.join("\n", error.traceback());
        assertTrue(traceback.contains("divide (cell [t], line 2)"), traceback);
        assertTrue(traceback.contains("at cell [t], line 3"), traceback);
        assertFalse(traceback.contains("jdk.jshell"), "JShell's own frames are cut: " + traceback);
    }

    @Test
    void nullPointerMessagesDoNotNameJShellsWrapperClasses() {
        CellOutcome.Failure error = failure("String nothing = null;\nnothing.length()");
        assertTrue(error.evalue().contains("\"nothing\" is null"), error.evalue());
        assertFalse(error.evalue().contains("$JShell$"), error.evalue());
    }

    @Test
    void aStopAskedForBeforeTheCellRunsStopsItBeforeItStarts() {
        ok("int runs = 0;");
        evaluator.stop();
        assertInstanceOf(CellOutcome.Interrupted.class, evaluator.evaluate("runs++; while (true) { }", "[t]"));
        evaluator.clearStop();
        assertEquals(0, ok("runs").value(), "the stopped cell never started");
    }

    @Test
    void stopEndsAnEndlessLoopAndKeepsEarlierState() throws Exception {
        ok("int keep = 41;");
        CompletableFuture<CellOutcome> running = CompletableFuture.supplyAsync(() -> evaluator.evaluate("while (true) { }", "[t]"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!evaluator.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(200);
        evaluator.stop();
        assertInstanceOf(CellOutcome.Interrupted.class, running.get(5, TimeUnit.SECONDS));
        assertInstanceOf(CellOutcome.Interrupted.class, evaluator.evaluate("keep + 1", "[t]"),
                "the stop holds for the rest of the cell");
        evaluator.clearStop();
        assertEquals(42, ok("keep + 1").value());
    }

    @Test
    void expressionValuesAreNotKeptAsSnippets() {
        ok("int base = 0;");
        int before = evaluator.liveSnippetCount();
        for (int i = 0; i < 20; i++) {
            ok("base + " + i);
            ok("base = base + 1;");
        }
        assertEquals(before, evaluator.liveSnippetCount());
    }

    @Test
    void javacIsNotHandedTheClassesOfCellsThatAreDone() {
        ok("int runs = 0;");
        int before = evaluator.retainedClassFiles();
        assertTrue(before > 0, "the pruner reaches JShell's file manager (the test JVM opens jdk.jshell)");
        for (int i = 0; i < 30; i++) {
            ok("runs = runs + " + i + ";");
            ok("Runnable r" + " = () -> { }; r.run();");
            ok("new Object() { }.hashCode();");
        }
        assertEquals(before + 1, evaluator.retainedClassFiles(), "only the declaration of r remains");
        assertEquals(435, ok("runs").value());
    }

    @Test
    void reRunningAnUnchangedCellRunsItAgainWithTodaysDeclarations() {
        ok("int ticks = 0;\nint step() { return 1; }");
        for (int i = 1; i <= 3; i++) {
            ok("ticks = ticks + step();");
            assertEquals(i, ok("ticks").value(), "each run of the same cell runs again");
        }
        ok("int step() { return 10; }");
        ok("ticks = ticks + step();");
        assertEquals(13, ok("ticks").value(), "a redefined method is seen by a cell run before");
        ok("String ticks = \"now a string\";");
        assertEquals("now a string", ok("ticks").value(), "a redeclared variable is seen by a cell run before");
    }

    @Test
    void aReRunCellReportsItsErrorsAndCanBeInterrupted() throws Exception {
        String failing = "int zero = 0;\nint ratio() { return 1 / zero; }";
        ok(failing);
        for (int i = 0; i < 2; i++) {
            CellOutcome.Failure error = failure("Object o = null;\nratio()");
            assertEquals("java.lang.ArithmeticException", error.ename());
            assertTrue(String.join("\n", error.traceback()).contains("at cell [t], line 2"), error.traceback().toString());
        }
        for (int i = 0; i < 2; i++) {
            CompletableFuture<CellOutcome> running = CompletableFuture.supplyAsync(
                    () -> evaluator.evaluate("while (zero == 0) { Thread.onSpinWait(); }", "[t]"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!evaluator.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(200);
            evaluator.stop();
            assertInstanceOf(CellOutcome.Interrupted.class, running.get(5, TimeUnit.SECONDS), "run " + i);
            evaluator.clearStop();
        }
    }

    @Test
    void completesInspectsAndTellsCompleteFromIncomplete() {
        SourceAnalysis analysis = evaluator.analysis();
        SourceAnalysis.Completions completions = analysis.complete("int z = 1;\nMath.ma", 18);
        assertTrue(completions.matches().contains("max("), completions.matches().toString());
        assertEquals(16, completions.start());
        assertTrue(analysis.inspect("Math.max(", 9).stream().anyMatch(d -> d.signature().contains("max(int")));
        assertEquals(SourceAnalysis.Status.COMPLETE, analysis.isComplete("int x = 1;"));
        assertEquals(SourceAnalysis.Status.INCOMPLETE, analysis.isComplete("class B {"));
        assertEquals(SourceAnalysis.Status.INCOMPLETE, analysis.isComplete("int y = 1;\nfor (int i = 0; i < 3; i++)"));
    }
}
