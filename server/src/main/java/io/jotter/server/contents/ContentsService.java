package io.jotter.server.contents;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current user's tree: read, save, create, copy, rename and delete, with Jupyter Server's rules
 * and status codes. Each method is one transaction; a save locks the row it replaces.
 */
// Eager, so its metrics are on /q/metrics from the start.
@Startup
@ApplicationScoped
@Transactional
public class ContentsService {
    /**
     * The outcome of a save.
     *
     * @param model the saved entry, without content
     * @param created whether the save created it (201) rather than replaced it (200)
     */
    public record Saved(ContentsModel model, boolean created) {
    }

    private static final String EMPTY_NOTEBOOK = "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";

    private final ContentsRepository entries;
    private final RevisionStore revisions;
    private final ContentDecoder decoder;
    private final ContentsModels models;
    private final TreeOwner tree;
    private final Clock clock;
    private final Counter conflicts;

    public ContentsService(ContentsRepository entries, RevisionStore revisions, ContentDecoder decoder,
            ContentsModels models, TreeOwner tree, Clock clock, MeterRegistry metrics) {
        this.entries = entries;
        this.revisions = revisions;
        this.decoder = decoder;
        this.models = models;
        this.tree = tree;
        this.clock = clock;
        this.conflicts = Counter.builder("jotter.contents.save.conflicts")
                .description("Saves refused (409) because they were based on an outdated version").register(metrics);
    }

    public ContentsModel get(ContentsPath path, ContentsModels.Request request) {
        if (path.isRoot()) {
            Instant now = now();
            return models.directory(path, now, now, 0, request.content() ? entries.children(owner(), path) : null);
        }
        ContentsEntry entry = existing(path);
        boolean directory = entry.type() == ContentType.DIRECTORY;
        if (directory && request.type() != null && request.type() != ContentType.DIRECTORY) {
            throw new BadContentsRequestException(path + " is a directory, not a " + request.type().wireName(), "bad type");
        }
        if (!directory && request.type() == ContentType.DIRECTORY) {
            throw new BadContentsRequestException(path + " is not a directory", "bad type");
        }
        if (entry.type() == ContentType.FILE && request.type() == ContentType.NOTEBOOK) {
            throw new BadContentsRequestException(path + " is a file, not a notebook", "bad type");
        }
        if (directory) {
            return models.directory(path, entry.createdAt(), entry.updatedAt(), entry.version(),
                    request.content() ? entries.children(owner(), path) : null);
        }
        return models.of(entry, request);
    }

    /**
     * PUT: creates or replaces what is at {@code path}. With {@code expectedVersion} the save is refused
     * (409) unless that is still the current version; without it the last save wins, and the content it
     * replaced is kept as a revision either way.
     */
    public Saved save(ContentsPath path, ContentsRequest request, Long expectedVersion) {
        if (path.isRoot()) {
            throw new BadContentsRequestException("Cannot save to the root directory itself");
        }
        if (request.copyFrom() != null) {
            throw new BadContentsRequestException("Cannot copy with PUT, only POST");
        }
        if (request.chunk() != null && request.chunk() != 1) {
            return new Saved(appendChunk(path, request), false);
        }
        StoredContent stored = decoder.decode(path, request);
        requireDirectory(path.parent());
        ContentsEntry entry = entries.lock(owner(), path).orElse(null);
        if (entry == null) {
            return new Saved(models.of(entries.add(new ContentsEntry(owner(), path, stored, now())),
                    ContentsModels.Request.NO_CONTENT), true);
        }
        if (expectedVersion != null && expectedVersion != entry.version()) {
            conflicts.increment();
            throw new StaleSaveException(expectedVersion, models.of(entry, ContentsModels.Request.NO_CONTENT));
        }
        if ((entry.type() == ContentType.DIRECTORY) != (stored.type() == ContentType.DIRECTORY)) {
            throw new BadContentsRequestException(path + (entry.type() == ContentType.DIRECTORY
                    ? " is a directory" : " is not a directory"), "bad type");
        }
        if (stored.type() != ContentType.DIRECTORY) {
            revisions.replaceKeepingRevision(entry, stored, now());
        }
        return new Saved(models.of(entry, ContentsModels.Request.NO_CONTENT), false);
    }

    /** POST to a directory: a new untitled notebook, file or directory, or a copy of {@code copy_from}. */
    public ContentsModel create(ContentsPath directory, ContentsRequest request) {
        if (!directory.isRoot() && entries.find(owner(), directory).filter(e -> e.type() != ContentType.DIRECTORY).isPresent()) {
            throw new BadContentsRequestException("Cannot POST to files, use PUT instead.");
        }
        requireDirectory(directory);
        if (request.copyFrom() != null && !request.copyFrom().isEmpty()) {
            return copy(ContentsPath.parse(request.copyFrom()), directory);
        }
        String ext = request.ext() == null ? "" : request.ext();
        ContentType type = ContentType.parse(request.type());
        if (type == null) {
            type = ext.equals(".ipynb") ? ContentType.NOTEBOOK : ContentType.FILE;
        }
        String name = switch (type) {
            case DIRECTORY -> UntitledNames.free("Untitled Folder", " ", n -> taken(directory, n));
            case NOTEBOOK -> UntitledNames.free("Untitled.ipynb", "", n -> taken(directory, n));
            case FILE -> UntitledNames.free("untitled" + ext, "", n -> taken(directory, n));
        };
        StoredContent stored = switch (type) {
            case DIRECTORY -> StoredContent.DIRECTORY;
            case NOTEBOOK -> StoredContent.notebook(EMPTY_NOTEBOOK);
            case FILE -> StoredContent.file(new byte[0]);
        };
        return add(directory.child(name), stored);
    }

    /** PATCH: renames or moves a notebook, file or directory (with all under it). */
    public ContentsModel rename(ContentsPath from, ContentsPath to) {
        if (from.isRoot() || to.isRoot()) {
            throw new BadContentsRequestException("Cannot rename the root directory");
        }
        existing(from);
        if (!from.equals(to)) {
            if (from.contains(to)) {
                throw new BadContentsRequestException("Cannot move " + from + " into itself");
            }
            if (entries.exists(owner(), to)) {
                throw new ContentsExistException("File already exists: " + to);
            }
            requireDirectory(to.parent());
            entries.moveTree(owner(), from, to);
        }
        return models.of(existing(to), ContentsModels.Request.NO_CONTENT);
    }

    /** DELETE: a notebook or file with its revisions, or a directory that is empty (unless configured otherwise). */
    public void delete(ContentsPath path, boolean evenIfNotEmpty) {
        if (path.isRoot()) {
            throw new BadContentsRequestException("Can't delete root");
        }
        ContentsEntry entry = entries.find(owner(), path)
                .orElseThrow(() -> new ContentsNotFoundException("File or directory does not exist: " + path));
        if (entry.type() == ContentType.DIRECTORY && !evenIfNotEmpty && entries.hasChildren(owner(), path)) {
            throw new BadContentsRequestException("Directory " + path + " not empty");
        }
        entries.deleteTree(owner(), path);
    }

    /** The current user's notebook at {@code path} as stored, for features that freeze or hand out notebooks. */
    public StoredContent notebook(ContentsPath path) {
        ContentsEntry entry = existing(path);
        if (entry.type() != ContentType.NOTEBOOK) {
            throw new BadContentsRequestException(path + " is not a notebook", "bad type");
        }
        return entry.stored();
    }

    public boolean exists(ContentsPath path) {
        return entries.exists(owner(), path);
    }

    /**
     * Adds a notebook to the current user's tree at a path nothing holds yet, making the directories
     * above it as needed; it is checked against nbformat as any save is.
     */
    public ContentsModel addNotebook(ContentsPath path, JsonNode notebook) {
        if (path.isRoot()) {
            throw new BadContentsRequestException("Cannot save to the root directory itself");
        }
        makeDirectories(path.parent());
        return add(path, decoder.notebook(path, notebook));
    }

    private void makeDirectories(ContentsPath directory) {
        if (directory.isRoot()) {
            return;
        }
        ContentsEntry entry = entries.find(owner(), directory).orElse(null);
        if (entry == null) {
            makeDirectories(directory.parent());
            add(directory, StoredContent.DIRECTORY);
        } else if (entry.type() != ContentType.DIRECTORY) {
            throw new BadContentsRequestException(directory + " is a file, not a directory", "bad type");
        }
    }

    private ContentsModel copy(ContentsPath from, ContentsPath directory) {
        ContentsEntry source = existing(from);
        if (source.type() == ContentType.DIRECTORY) {
            throw new BadContentsRequestException("Can't copy directories");
        }
        ContentsPath to = directory.child(UntitledNames.free(UntitledNames.copyBase(from.name()), "-Copy",
                n -> taken(directory, n)));
        StoredContent stored = source.stored();
        // Stored notebooks were valid, but code outside this package may have changed one since.
        return add(to, stored.type() == ContentType.NOTEBOOK ? decoder.notebookFromBytes(to, stored.asBytes()) : stored);
    }

    /**
     * A notebook or file someone else let the current user copy (their {@code stored} content, read in
     * their tree), added to the root of the current user's tree under a free name, as Jupyter names copies.
     */
    public ContentsModel addCopyOf(String name, StoredContent stored) {
        ContentsPath to = ContentsPath.ROOT.child(UntitledNames.free(UntitledNames.copyBase(name), "-Copy",
                n -> taken(ContentsPath.ROOT, n)));
        return add(to, stored.type() == ContentType.NOTEBOOK ? decoder.notebookFromBytes(to, stored.asBytes()) : stored);
    }

    /** What is stored at {@code path} in the current tree: a notebook or a file, not a directory. */
    public ContentsEntry notebookOrFile(ContentsPath path) {
        ContentsEntry entry = existing(path);
        if (entry.type() == ContentType.DIRECTORY) {
            throw new BadContentsRequestException(path + " is a directory", "bad type");
        }
        return entry;
    }

    private ContentsModel appendChunk(ContentsPath path, ContentsRequest request) {
        byte[] chunk = decoder.chunkBytes(path, request);
        ContentsEntry entry = entries.lock(owner(), path).filter(e -> e.type() == ContentType.FILE)
                .orElseThrow(() -> new ContentsNotFoundException("no upload of " + path + " in progress (chunk 1 first)"));
        byte[] before = entry.stored().bytes();
        byte[] joined = java.util.Arrays.copyOf(before, before.length + chunk.length);
        System.arraycopy(chunk, 0, joined, before.length, chunk.length);
        decoder.checkSize(path, joined.length);
        boolean last = request.chunk() == -1;
        StoredContent stored = last && path.isNotebookName()
                ? decoder.notebookFromBytes(path, joined) : StoredContent.file(joined);
        entry.replace(stored, now());
        entries.flush();
        return models.of(entry, ContentsModels.Request.NO_CONTENT);
    }

    private ContentsModel add(ContentsPath path, StoredContent stored) {
        return models.of(entries.add(new ContentsEntry(owner(), path, stored, now())), ContentsModels.Request.NO_CONTENT);
    }

    private boolean taken(ContentsPath directory, String name) {
        return entries.exists(owner(), directory.child(name));
    }

    private ContentsEntry existing(ContentsPath path) {
        return entries.find(owner(), path)
                .orElseThrow(() -> new ContentsNotFoundException("file or directory '" + path + "' does not exist"));
    }

    private void requireDirectory(ContentsPath directory) {
        if (!entries.isDirectory(owner(), directory)) {
            throw new ContentsNotFoundException("No such directory: " + directory);
        }
    }

    private String owner() {
        return tree.name();
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: what a save returns must equal what a later GET reads.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
