package io.jotter.server.notebooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored notebook: its owner's path to it and its nbformat 4 JSON, versioned for optimistic locking. */
@Entity
@Table(name = "notebooks")
public class Notebook {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String owner;

    @Column(nullable = false)
    private String path;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String content;

    /** Raised by every save; a save based on an older one is refused rather than overwriting. */
    @Version
    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Notebook() {
        // for Hibernate
    }

    public Notebook(String owner, String path, String content, Instant now) {
        this.owner = owner;
        this.path = path;
        this.content = content;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String path() {
        return path;
    }

    public String content() {
        return content;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void replaceContent(String newContent, Instant now) {
        this.content = newContent;
        this.updatedAt = now;
    }
}
