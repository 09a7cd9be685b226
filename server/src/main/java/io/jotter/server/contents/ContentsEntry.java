package io.jotter.server.contents;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.generator.EventType;
import org.hibernate.type.SqlTypes;

/**
 * One entry of a user's tree: a notebook (nbformat JSON in {@code content}), a file (bytes in
 * {@code data}) or a directory (neither). The table keeps its first name, {@code notebooks}: other code
 * updates a notebook's {@code content} by (owner, path) in SQL.
 */
@Entity
@Table(name = "notebooks")
public class ContentsEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String owner;

    @Column(nullable = false)
    private String path;

    /** Computed by PostgreSQL from the path; directory listings query it. */
    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(insertable = false, updatable = false)
    private String parent;

    @Column(nullable = false)
    private String type;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private String content;

    private byte[] data;

    /** Computed by PostgreSQL: bytes of the content as stored. */
    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(insertable = false, updatable = false)
    private Long size;

    /** Raised by every save; a save based on an older one is refused rather than overwriting. */
    @Version
    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ContentsEntry() {
        // for Hibernate
    }

    public ContentsEntry(String owner, ContentsPath path, StoredContent stored, Instant now) {
        this.owner = owner;
        this.path = path.value();
        this.createdAt = now;
        replace(stored, now);
    }

    public Long id() {
        return id;
    }

    public ContentsPath path() {
        return new ContentsPath(path);
    }

    public ContentType type() {
        return ContentType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
    }

    public StoredContent stored() {
        return new StoredContent(type(), content, data);
    }

    public Long size() {
        return size;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public final void replace(StoredContent stored, Instant now) {
        this.type = stored.type().wireName();
        this.content = stored.notebookJson();
        this.data = stored.bytes();
        this.updatedAt = now;
    }
}
