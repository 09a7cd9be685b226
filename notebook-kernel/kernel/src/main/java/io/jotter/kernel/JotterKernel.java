package io.jotter.kernel;

import io.jotter.kernel.accelerator.GpuCheck;
import io.jotter.kernel.comm.Comms;
import io.jotter.kernel.display.OutputDiversion;
import io.jotter.kernel.eval.ExitGuard;
import io.jotter.kernel.eval.JShellEvaluator;
import io.jotter.kernel.handler.CellOutput;
import io.jotter.kernel.handler.Dispatcher;
import io.jotter.kernel.handler.Handlers;
import io.jotter.kernel.io.OutputCapture;
import io.jotter.kernel.io.StdinBridge;
import io.jotter.kernel.magic.CellRunner;
import io.jotter.kernel.magic.MavenResolver;
import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WireCodec;
import io.jotter.kernel.transport.ChannelLoop;
import io.jotter.kernel.transport.Heartbeat;
import io.jotter.kernel.transport.IopubChannel;
import io.jotter.kernel.transport.IopubHistory;
import io.jotter.kernel.transport.KernelLog;
import io.jotter.kernel.transport.KernelSockets;
import io.jotter.kernel.transport.ShellLoop;
import io.jotter.kernel.transport.StdinChannel;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** The kernel process: {@code java io.jotter.kernel.JotterKernel CONNECTION_FILE}. */
public final class JotterKernel {
    private JotterKernel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: jotter-kernel CONNECTION_FILE");
            System.exit(2);
        }
        JotterPaths.configureJavacppCache();
        KernelLog.useStream(System.err);
        requireGpuIfAsked();
        ParentWatch.start();
        ConnectionInfo info = ConnectionInfo.read(Path.of(args[0]));
        String session = UUID.randomUUID().toString();
        WireCodec codec = new WireCodec(info.signer());
        KernelSockets sockets = new KernelSockets(info);
        IopubHistory published = IopubHistory.fromEnvironment();
        IopubChannel iopub = new IopubChannel(sockets.iopub(), codec, session, published);
        CellOutput output = new CellOutput(iopub, session);

        boolean exitsRefused = ExitGuard.install(() -> output.write("stderr",
                "\nThe kernel process is exiting (System.exit was called, or the process was told to stop).\n"));
        if (!exitsRefused) {
            KernelLog.warn("this JVM allows no security manager: System.exit in a cell will end the kernel", null);
        }
        OutputCapture capture = OutputCapture.install(output);
        output.drainStreamsWith(capture::drain);
        OutputDiversion.drainWith(capture::drain);
        Comms comms = new Comms(output);
        Comms.bind(comms);
        StdinChannel stdin = new StdinChannel(sockets.stdin(), codec, session);
        StdinBridge stdinBridge = new StdinBridge(stdin, capture::drainForPrompt);
        System.setIn(stdinBridge);

        CompletableFuture<JShellEvaluator> evaluator = new CompletableFuture<>();
        Lazy<MavenResolver> resolver = new Lazy<>(() -> MavenResolver.fromEnvironment(JotterPaths.mavenRepository()));
        CompletableFuture<CellRunner> runner = evaluator.thenApply(shell -> new CellRunner(shell, resolver));
        daemon("jotter-jshell-start", () -> {
            try {
                evaluator.complete(KernelStartup.startEvaluator());
            } catch (RuntimeException | Error e) {
                KernelLog.warn("JShell failed to start", e);
                evaluator.completeExceptionally(e);
            }
        }).start();

        Dispatcher dispatcher = Handlers.dispatcher(evaluator, runner, capture, output, stdin, stdinBridge, comms, published,
                () -> {
                    capture.close();
                    sockets.close();
                    ExitGuard.exitKernel(0);
                });
        AtomicBoolean loggedBadSignature = new AtomicBoolean();
        daemon("jotter-heartbeat", new Heartbeat(sockets.heartbeat())).start();
        daemon("jotter-control", new ChannelLoop("control", sockets.control(), codec, iopub, dispatcher, session,
                loggedBadSignature)).start();
        iopub.publish(Message.unsolicited(new Content.Status("starting"), session));
        KernelLog.debug("Jotter Java kernel listening; connection file " + args[0]);
        new ShellLoop(sockets, codec, iopub, dispatcher, session, loggedBadSignature).run();
    }

    /**
     * A GPU runtime's kernel (JOTTER_ACCELERATOR=gpu) loads TensorFlow before it listens, to check that it computes
     * on a GPU; without one it ends, saying why, and is never a CPU kernel billed as a GPU one.
     */
    private static void requireGpuIfAsked() {
        if (!"gpu".equals(System.getenv("JOTTER_ACCELERATOR"))) {
            return;
        }
        long start = System.nanoTime();
        GpuCheck.Result check = GpuCheck.forThisProcess().run();
        if (!check.ok()) {
            GpuCheck.exit(check.problem());
        }
        KernelLog.info(String.format("GPU runtime: TensorFlow's GPU build sees %s (checked in %d ms)", check.gpus(),
                (System.nanoTime() - start) / 1_000_000));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
