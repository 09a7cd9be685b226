package io.jotter.server.contents;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A past content of a notebook or file: kept automatically by every save (kind {@code auto}, the
 * newest few per entry) or on request as a Jupyter checkpoint (kind {@code checkpoint}, kept until deleted).
 */
@Entity
@Table(name = "notebook_revisions")
public class Revision {
    /** Why a revision exists. */
    public enum Kind {
        AUTO, CHECKPOINT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "notebook_id", nullable = false)
    private long entryId;

    /** The entry's version this content had. */
    @Column(nullable = false)
    private long version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private String content;

    private byte[] data;

    @Column(nullable = false)
    private String kind;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Revision() {
        // for Hibernate
    }

    public Revision(ContentsEntry of, Kind kind, Instant now) {
        StoredContent stored = of.stored();
        this.entryId = of.id();
        this.version = of.version();
        this.content = stored.notebookJson();
        this.data = stored.bytes();
        this.kind = kind.name().toLowerCase(java.util.Locale.ROOT);
        this.createdAt = now;
    }

    public Long id() {
        return id;
    }

    public long version() {
        return version;
    }

    public StoredContent stored() {
        return content != null ? StoredContent.notebook(content) : StoredContent.file(data);
    }

    public Checkpoint checkpoint() {
        return new Checkpoint(String.valueOf(id), createdAt);
    }
}
