package io.jotter.server.outputs;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.server.kernels.RunningKernel;
import io.jotter.server.sessions.NotebookSession;
import io.jotter.server.sessions.SessionStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows every cell run that a notebook session started and writes its outputs into the stored
 * notebook as they arrive, at most once per flush interval per cell. The gateway reports each
 * {@code execute_request} and every message the kernel sends.
 *
 * <p>With several replicas, only the replica that runs a kernel records its outputs, so they are written once. The
 * replica that relays a request notes its cell in {@code cell_runs}; the recording one looks the cell up there when
 * the kernel first answers a request it did not relay, and a replica that adopts a kernel mid-run finds its runs in
 * flight there and rebuilds them from the kernel's own record.
 */
@Singleton
public class CellOutputs {
    private static final Logger LOG = Logger.getLogger(CellOutputs.class);
    private static final int UNKNOWN_REMEMBERED = 4096;

    private final SessionStore sessions;
    private final StoredOutputs stored;
    private final CellRunRecords records;
    private final long maxBytesPerCell;
    /** The runs this server records, by the msg_id of the execute_request; the kernel's messages name it as parent. */
    private final Map<String, CellRun> runs = new ConcurrentHashMap<>();
    /** The cells of runs this server relayed but does not record (another replica runs the kernel). */
    private final Map<String, String> relayed = new ConcurrentHashMap<>();
    /** The messages of those runs, in case their recorder dies before writing them and this server adopts. */
    private final RelayedRuns relayedRuns = new RelayedRuns();
    /** Requests looked up in vain: not runs of a notebook's cell. */
    private final Set<String> unknown = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > UNKNOWN_REMEMBERED;
                }
            }));

    public CellOutputs(SessionStore sessions, StoredOutputs stored, CellRunRecords records,
                       @ConfigProperty(name = "jotter.outputs.max-bytes-per-cell", defaultValue = "16777216") long maxBytesPerCell) {
        this.sessions = sessions;
        this.stored = stored;
        this.records = records;
        this.maxBytesPerCell = maxBytesPerCell;
    }

    /**
     * A client asked the kernel to run a cell; its outputs are followed if the cell and notebook are known.
     *
     * @param recorded whether this server records the kernel's outputs (it runs the kernel)
     */
    public void requested(RunningKernel kernel, Message<?> executeRequest, boolean recorded) {
        Optional<NotebookCell> named = namedCell(kernel, executeRequest);
        if (named.isEmpty()) {
            return;
        }
        String msgId = executeRequest.header().msgId();
        NotebookCell cell = named.get();
        records.requested(msgId, kernel.id(), cell);
        if (recorded) {
            runs.put(msgId, new CellRun(kernel.id(), cell, maxBytesPerCell));
        } else {
            relayed.put(msgId, cell.cellId());
            relayedRuns.relayed(msgId);
        }
    }

    /**
     * A front end sent a widget's message (a click, a moved slider) from a cell it names ({@code cellId} in the
     * message's metadata): what the kernel's handler prints goes below that cell's outputs, which stay. While the
     * cell's own run is still followed here (its last write may be a second away), the handler's output joins that
     * run, so the two never write over each other. Only the replica that records the kernel follows it; elsewhere the
     * page's own save keeps it.
     */
    public void commMessage(RunningKernel kernel, Message<?> commMessage, boolean recorded) {
        Optional<NotebookCell> named = recorded ? namedCell(kernel, commMessage) : Optional.empty();
        if (named.isEmpty()) {
            return;
        }
        NotebookCell cell = named.get();
        CellRun run = runs.values().stream().filter(r -> r.cell().equals(cell)).findFirst()
                .orElseGet(() -> CellRun.continuing(kernel.id(), cell, maxBytesPerCell, () -> stored.read(cell)));
        runs.put(commMessage.header().msgId(), run);
    }

    /** The notebook cell a client's request names ({@code cellId} in its metadata), if its kernel has a notebook. */
    private Optional<NotebookCell> namedCell(RunningKernel kernel, Message<?> request) {
        String cellId = request.metadataText("cellId");
        Optional<NotebookSession> session = cellId == null ? Optional.empty() : sessions.forKernel(kernel.id());
        return session.filter(s -> "notebook".equals(s.type()))
                .map(s -> new NotebookCell(s.owner(), s.path(), cellId));
    }

    /**
     * Anything the kernel sent; what answers a followed run is applied to it.
     *
     * @param recording whether this server records the kernel's outputs
     */
    public void received(String kernelId, Message<?> message, boolean recording) {
        if (message.parentHeader() == null) {
            return;
        }
        String parent = message.parentHeader().msgId();
        CellRun run = runs.get(parent);
        if (run == null && recording && relayed.containsKey(parent)) {
            run = takeOverRelayed(kernelId, parent);
        } else if (run == null && !relayed.containsKey(parent)
                && "execute_request".equals(message.parentHeader().msgType()) && !unknown.contains(parent)) {
            run = lookUp(kernelId, parent, recording);
        }
        if (run != null) {
            run.apply(message);
            return;
        }
        if (!recording) {
            relayedRuns.received(parent, message, relayed.containsKey(parent));
        }
        if (message.content() instanceof Content.Status status && "idle".equals(status.executionState())) {
            relayed.remove(parent);
        }
    }

    /**
     * A run another replica relayed the request of: its cell, from {@code cell_runs}; recorded here if this server
     * records the kernel's outputs, else only named, so that this server's clients can show it in the right cell.
     */
    private CellRun lookUp(String kernelId, String msgId, boolean recording) {
        Optional<NotebookCell> cell = records.find(msgId);
        if (cell.isEmpty()) {
            unknown.add(msgId);
            return null;
        }
        if (!recording) {
            relayed.put(msgId, cell.get().cellId());
            return null;
        }
        relayed.remove(msgId);
        return runs.computeIfAbsent(msgId, id -> new CellRun(kernelId, cell.get(), maxBytesPerCell));
    }

    /**
     * A run this server relayed while another replica recorded the kernel, going on now that this one does: it adopted
     * the kernel after the request left, too late for the adoption's look at the runs in flight, and the run's output
     * was lost. Recorded from here on, rebuilt from what this server relayed of it, or, where it kept none, going on
     * after the stored outputs.
     */
    private CellRun takeOverRelayed(String kernelId, String msgId) {
        relayed.remove(msgId);
        Optional<NotebookCell> cell = records.find(msgId);
        if (cell.isEmpty()) {
            return null;
        }
        Optional<RelayedRuns.Relayed> record = relayedRuns.take(msgId);
        CellRun run;
        if (record.filter(RelayedRuns.Relayed::whole).isPresent()) {
            run = new CellRun(kernelId, cell.get(), maxBytesPerCell);
            run.rebuild(record.get().messages());
        } else {
            run = CellRun.continuing(kernelId, cell.get(), maxBytesPerCell, () -> stored.read(cell.get()));
            record.ifPresent(heard -> heard.messages().forEach(run::apply));
        }
        runs.put(msgId, run);
        return run;
    }

    /** The notebook cell whose run a kernel message answers, if this server follows that run. */
    public Optional<String> cellOf(Message<?> message) {
        if (message.parentHeader() == null) {
            return Optional.empty();
        }
        String parent = message.parentHeader().msgId();
        CellRun run = runs.get(parent);
        return run != null ? Optional.of(run.cell().cellId()) : Optional.ofNullable(relayed.get(parent));
    }

    /** The cells of a kernel's runs not known to have ended, oldest first, by request msg_id. */
    public Map<String, String> inFlight(String kernelId) {
        Map<String, String> cells = new LinkedHashMap<>();
        records.inFlight(kernelId).forEach((msgId, cell) -> {
            cells.put(msgId, cell.cellId());
            if (!runs.containsKey(msgId)) {
                relayed.put(msgId, cell.cellId());
            }
        });
        return cells;
    }

    /**
     * This server now runs the kernel (it adopted it): its runs in flight are recorded from here on, holding live
     * messages until each run is rebuilt ({@link #rebuild}) or resumed ({@link #resume}).
     *
     * @return the cells of the runs in flight, oldest first, by request msg_id
     */
    public Map<String, String> adopt(String kernelId) {
        Map<String, NotebookCell> inFlight = records.inFlight(kernelId);
        Map<String, String> cells = new LinkedHashMap<>();
        inFlight.forEach((msgId, cell) -> {
            relayed.remove(msgId);
            runs.computeIfAbsent(msgId, id -> new CellRun(kernelId, cell, maxBytesPerCell)).hold();
            cells.put(msgId, cell.cellId());
        });
        return cells;
    }

    /** An adopted run, rebuilt from the kernel's complete record of it. */
    public void rebuild(String msgId, List<Message<?>> replay) {
        CellRun run = runs.get(msgId);
        if (run != null) {
            run.rebuild(replay);
        }
    }

    /**
     * An adopted run the kernel kept no complete record of. Rebuilt from what this server relayed of it, when it relayed
     * the request (its recorder died before writing it, or while it ran); otherwise it goes on from its stored outputs,
     * with a line saying that what the kernel sent while no server listened is missing, then what this server heard of
     * it meanwhile (a page of its own followed the kernel here after the recorder died).
     */
    public void resumeAdopted(String msgId, String gapNote) {
        CellRun run = runs.get(msgId);
        Optional<RelayedRuns.Relayed> record = relayedRuns.take(msgId);
        if (run == null) {
            return;
        }
        if (record.filter(RelayedRuns.Relayed::whole).isPresent()) {
            run.rebuild(record.get().messages());
        } else {
            run.resume(stored.read(run.cell()), gapNote, record.map(RelayedRuns.Relayed::messages).orElse(List.of()));
        }
    }

    /** Another replica runs the kernel now: what this one recorded is written, and it records no more. */
    public void released(String kernelId) {
        flush();
        runs.values().removeIf(run -> run.kernelId().equals(kernelId));
    }

    /** Writes what changed; a run that finished is written one last time and forgotten. */
    @Scheduled(every = "${jotter.outputs.flush-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        for (Map.Entry<String, CellRun> entry : runs.entrySet()) {
            CellRun.Snapshot snapshot = entry.getValue().takeChanges();
            if (snapshot == null) {
                if (entry.getValue().done()) {
                    // A widget's message that showed nothing in its cell.
                    runs.remove(entry.getKey());
                }
                continue;
            }
            try {
                if (!stored.write(snapshot)) {
                    LOG.debugf("no code cell %s in %s of %s to store outputs in", snapshot.cell().cellId(),
                            snapshot.cell().path(), snapshot.cell().owner());
                }
                if (snapshot.finished()) {
                    records.finished(entry.getKey());
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
        try {
            records.kernelStopped(kernelId);
        } catch (RuntimeException e) {
            LOG.warnf("could not forget the runs of kernel %s: %s", kernelId, e.toString());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
