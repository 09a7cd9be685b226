package io.jotter.server.outputs;

import io.jotter.kernel.protocol.Message;
import io.jotter.server.kernels.RunningKernel;
import io.jotter.server.sessions.NotebookSession;
import io.jotter.server.sessions.SessionStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows every cell run that a notebook session started and writes its outputs into the stored
 * notebook as they arrive, at most once per flush interval per cell. The gateway reports each
 * {@code execute_request} and every message the kernel sends.
 */
@Singleton
public class CellOutputs {
    private static final Logger LOG = Logger.getLogger(CellOutputs.class);

    private final SessionStore sessions;
    private final StoredOutputs stored;
    private final long maxBytesPerCell;
    /** By the msg_id of the execute_request; the kernel's messages name it as their parent. */
    private final Map<String, CellRun> runs = new ConcurrentHashMap<>();

    public CellOutputs(SessionStore sessions, StoredOutputs stored,
                       @ConfigProperty(name = "jotter.outputs.max-bytes-per-cell", defaultValue = "16777216") long maxBytesPerCell) {
        this.sessions = sessions;
        this.stored = stored;
        this.maxBytesPerCell = maxBytesPerCell;
    }

    /** A client asked the kernel to run a cell; its outputs are followed if the cell and notebook are known. */
    public void requested(RunningKernel kernel, Message<?> executeRequest) {
        String cellId = executeRequest.metadataText("cellId");
        Optional<NotebookSession> session = sessions.forKernel(kernel.id());
        if (cellId == null || session.isEmpty() || !"notebook".equals(session.get().type())) {
            return;
        }
        String msgId = executeRequest.header().msgId();
        runs.put(msgId, new CellRun(kernel.id(), new NotebookCell(session.get().owner(), session.get().path(), cellId),
                maxBytesPerCell));
    }

    /** Anything the kernel sent; what answers a followed run is applied to it. */
    public void received(Message<?> message) {
        if (message.parentHeader() == null) {
            return;
        }
        CellRun run = runs.get(message.parentHeader().msgId());
        if (run != null) {
            run.apply(message.content());
        }
    }

    /** The notebook cell whose run a kernel message answers, if this server follows that run. */
    public Optional<String> cellOf(Message<?> message) {
        if (message.parentHeader() == null) {
            return Optional.empty();
        }
        CellRun run = runs.get(message.parentHeader().msgId());
        return run == null ? Optional.empty() : Optional.of(run.cell().cellId());
    }

    /** Writes what changed; a run that finished is written one last time and forgotten. */
    @Scheduled(every = "${jotter.outputs.flush-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        for (Map.Entry<String, CellRun> entry : runs.entrySet()) {
            CellRun.Snapshot snapshot = entry.getValue().takeChanges();
            if (snapshot == null) {
                continue;
            }
            try {
                if (!stored.write(snapshot)) {
                    LOG.debugf("no code cell %s in %s of %s to store outputs in", snapshot.cell().cellId(),
                            snapshot.cell().path(), snapshot.cell().owner());
                }
            } catch (RuntimeException e) {
                LOG.warnf("could not store the outputs of cell %s in %s: %s", snapshot.cell().cellId(),
                        snapshot.cell().path(), e.toString());
            }
            if (snapshot.finished()) {
                runs.remove(entry.getKey());
            }
        }
    }

    /** The kernel is gone: what it produced is written, and its runs end there. */
    public void kernelStopped(String kernelId) {
        flush();
        runs.values().removeIf(run -> run.kernelId().equals(kernelId));
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
