package io.jotter.kernel.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;

/**
 * Runs Java cells in one JShell session whose state lives as long as the kernel.
 *
 * <p>A cell is split into JShell snippets and run in order; the first failing snippet ends the
 * cell. The cell's value is that of its last snippet when it is an expression the user did not end
 * with a semicolon, as in IPython. Values of expressions are not kept as {@code $N} variables:
 * JShell compiles every later snippet against all live ones, so keeping them would make each cell
 * slower than the one before.
 *
 * <p>Not thread-safe, except {@link #stop()}, which another thread calls to interrupt a running cell.
 */
public final class JShellEvaluator implements AutoCloseable {
    private final JShell shell;
    private final CellSplitter splitter;
    private final SourceAnalysis analysis;
    private final SnippetPlaces places = new SnippetPlaces();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile boolean running;
    /** JShell's class loader for snippets; what %maven adds is only there, so cells' threads need it as context loader. */
    private final ClassLoader snippetLoader;
    private final JShellInternals internals;
    private final CompiledClassPruner pruner;
    private final RerunCache rerunCache = new RerunCache();

    public JShellEvaluator() {
        this.shell = JShell.builder()
                .executionEngine(new CapturingExecutionControl.Provider(), Map.of())
                .build();
        // The execution engine is made in build() and sets the building thread's context loader.
        this.snippetLoader = Thread.currentThread().getContextClassLoader();
        CapturingExecutionControl.stopWhen(stopRequested::get);
        this.internals = JShellInternals.attach(shell);
        this.pruner = new CompiledClassPruner(shell, internals);
        this.splitter = new CellSplitter(shell.sourceCodeAnalysis());
        this.analysis = new SourceAnalysis(shell.sourceCodeAnalysis(), splitter);
    }

    /** Completion, inspection and completeness of source in this session. */
    public SourceAnalysis analysis() {
        return analysis;
    }

    /** Adds a jar or folder to what cells compile against and load from. */
    public void addToClasspath(Path path) {
        shell.addToClasspath(path.toAbsolutePath().toString());
        rerunCache.invalidate();
    }

    /**
     * Runs a cell, or the part of one between magics (with the lines before it left blank, so line
     * numbers stay the cell's).
     *
     * @param cellLabel how errors name this cell, such as {@code [4]}
     */
    public CellOutcome evaluate(String code, String cellLabel) {
        if (stopRequested.get()) {
            return new CellOutcome.Interrupted();
        }
        running = true;
        Thread.currentThread().setContextClassLoader(snippetLoader);
        try {
            CellOutcome outcome = CellOutcome.Success.noValue();
            for (CellSplitter.Piece piece : splitter.split(code)) {
                outcome = evaluatePiece(code, piece, cellLabel);
                if (!(outcome instanceof CellOutcome.Success)) {
                    return outcome;
                }
            }
            return outcome;
        } finally {
            running = false;
        }
    }

    private CellOutcome evaluatePiece(String cell, CellSplitter.Piece piece, String cellLabel) {
        int firstLine = Lines.lineOf(cell, piece.start());
        RerunCache.Entry compiled = internals == null ? null : rerunCache.lookup(piece.source());
        if (compiled != null) {
            places.remember(compiled.snippetId(), cellLabel, firstLine);
            return rerun(compiled, piece);
        }
        List<SnippetEvent> events = shell.eval(piece.source());
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null) {
                places.remember(event.snippet().id(), cellLabel, firstLine);
            }
        }
        if (stopRequested.get()) {
            release(events);
            return new CellOutcome.Interrupted();
        }
        CellOutcome outcome = CellOutcome.Success.noValue();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                outcome = CompileErrors.failure(cell, piece, shell.diagnostics(snippet).toList());
                break;
            }
            if (event.exception() != null) {
                outcome = runtimeFailure(event.exception());
                break;
            }
            if (snippet instanceof DeclarationSnippet declaration) {
                List<String> missing = shell.unresolvedDependencies(declaration).toList();
                if (!missing.isEmpty()) {
                    // As JShell's own tool does: defined now, usable once the rest is declared.
                    System.err.println(snippetName(snippet) + " is defined, but cannot be used until "
                            + String.join(", ", missing) + " is declared");
                }
            }
            if (isExpression(snippet) && event.value() != null && isValueShown(piece)) {
                outcome = new CellOutcome.Success(true, CapturingExecutionControl.takeLastValue());
            }
        }
        rememberForRerun(piece, events);
        release(events);
        return outcome;
    }

    private static boolean isExpression(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private static boolean isValueShown(CellSplitter.Piece piece) {
        return piece.last() && !piece.endsWithSemicolon();
    }

    /**
     * Runs code a cell left behind, such as a widget's click handler, as a cell runs: stoppable by {@link #stop()},
     * with its context loader, and its exception told as a cell's.
     */
    public CellOutcome runCallback(Runnable body) {
        if (stopRequested.get()) {
            return new CellOutcome.Interrupted();
        }
        running = true;
        Thread.currentThread().setContextClassLoader(snippetLoader);
        try {
            CapturingExecutionControl.runCallback(body);
            return CellOutcome.Success.noValue();
        } catch (ExecutionControl.StoppedException e) {
            return new CellOutcome.Interrupted();
        } catch (ExecutionControl.UserException | ExecutionControl.ResolutionException e) {
            if (internals != null) {
                return runtimeFailure(internals.translate(e));
            }
            String name = e instanceof ExecutionControl.UserException user ? user.causeExceptionClass() : "Error";
            return new CellOutcome.Failure(name, String.valueOf(e.getMessage()), List.of(name + ": " + e.getMessage()));
        } catch (ExecutionControl.ExecutionControlException e) {
            return new CellOutcome.Failure("InternalError", "the kernel could not run this handler: " + e.getMessage(),
                    List.of(e.toString()));
        } finally {
            running = false;
        }
    }

    /** Runs a snippet compiled before, without JShell: see {@link RerunCache}. */
    private CellOutcome rerun(RerunCache.Entry compiled, CellSplitter.Piece piece) {
        try {
            Object value = CapturingExecutionControl.rerun(compiled.wrapperClass());
            return compiled.expression() && isValueShown(piece)
                    ? new CellOutcome.Success(true, value) : CellOutcome.Success.noValue();
        } catch (ExecutionControl.StoppedException e) {
            return new CellOutcome.Interrupted();
        } catch (ExecutionControl.UserException | ExecutionControl.ResolutionException e) {
            return runtimeFailure(internals.translate(e));
        } catch (ExecutionControl.ExecutionControlException e) {
            // The class could not be run at all (nothing of the cell ran): compile it afresh.
            rerunCache.invalidate();
            return new CellOutcome.Failure("InternalError", "the kernel could not re-run this cell: " + e.getMessage()
                    + "; run it again", List.of(e.toString()));
        }
    }

    /**
     * Caches a piece that compiled into one statement or expression; empties the cache when the piece
     * changed a declaration or an import, which earlier compiled pieces may refer to.
     */
    private void rememberForRerun(CellSplitter.Piece piece, List<SnippetEvent> events) {
        if (internals == null) {
            return;
        }
        boolean declarationsChanged = events.stream().anyMatch(event -> event.snippet() instanceof PersistentSnippet
                && event.snippet().subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
        if (declarationsChanged) {
            rerunCache.invalidate();
            return;
        }
        if (events.size() != 1 || events.get(0).status() != Snippet.Status.VALID
                || !RerunCache.cacheable(piece.source())) {
            return;
        }
        Snippet snippet = events.get(0).snippet();
        boolean statement = snippet.kind() == Snippet.Kind.STATEMENT;
        if (statement || isExpression(snippet)) {
            boolean expression = !statement && events.get(0).value() != null;
            rerunCache.remember(piece.source(),
                    new RerunCache.Entry(internals.wrapperClass(snippet), snippet.id(), expression));
        }
    }

    /**
     * Forgets what a cell left that no later cell can use: the {@code $N} variables JShell makes
     * for expressions (see the class comment), and the compiled classes of snippets that are done.
     */
    private void release(List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (event.snippet() instanceof VarSnippet var
                    && var.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    && shell.status(var).isActive()) {
                shell.drop(var);
                places.forget(var.id());
            }
        }
        pruner.prune();
    }

    private CellOutcome runtimeFailure(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            Snippet snippet = unresolved.getSnippet();
            String missing = snippet instanceof DeclarationSnippet declaration
                    ? String.join(", ", shell.unresolvedDependencies(declaration).toList()) : "a declaration";
            String message = snippetName(snippet) + " cannot be run until " + missing + " is declared";
            return new CellOutcome.Failure("UnresolvedReference", message, List.of(message));
        }
        return RuntimeErrors.failure((EvalException) exception, places);
    }

    private static String snippetName(Snippet snippet) {
        if (snippet instanceof jdk.jshell.MethodSnippet method) {
            return "method " + method.name() + "(" + method.parameterTypes() + ")";
        } else if (snippet instanceof jdk.jshell.TypeDeclSnippet type) {
            return "class " + type.name();
        } else if (snippet instanceof VarSnippet var) {
            return "variable " + var.name();
        }
        return "this snippet";
    }

    /** Drops the variables called {@code name}, as if never declared. */
    public void forget(String name) {
        shell.variables().filter(v -> v.name().equals(name)).toList().forEach(v -> {
            shell.drop(v);
            places.forget(v.id());
        });
        rerunCache.invalidate();
        pruner.prune();
    }

    /**
     * Stops the running cell, or the one about to run: an interrupt that arrives while the cell is
     * still being compiled, or before it began, must not be lost. Definitions made before it stay.
     * The caller sends it only while a cell is in progress, and clears it with {@link #clearStop()}
     * when that cell is over.
     */
    public void stop() {
        stopRequested.set(true);
        if (running) {
            shell.stop();
        }
    }

    /** The cell is over: a stop asked for it must not stop the next one. */
    public void clearStop() {
        stopRequested.set(false);
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        shell.close();
    }

    /** How many compiled classes JShell lists to javac, or -1 when that cannot be known. */
    int retainedClassFiles() {
        return pruner.retainedClassFiles();
    }

    /** How many declarations and imports are live: each one is compiled into every later snippet. */
    int liveSnippetCount() {
        return (int) shell.snippets()
                .filter(s -> s instanceof jdk.jshell.PersistentSnippet && shell.status(s).isActive()).count();
    }
}
