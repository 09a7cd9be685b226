package io.jotter.server.courses;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A comment by one who teaches the course on a submission, or on one of its cells; seen by them and the student. */
@Entity
@Table(name = "submission_feedback")
public class Feedback {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "submission_id", nullable = false)
    private long submissionId;

    @Column(nullable = false)
    private String author;

    /** The nbformat cell id it is about, or null for the whole submission. */
    @Column(name = "cell_id")
    private String cellId;

    @Column(nullable = false)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Feedback() {
        // for Hibernate
    }

    public Feedback(long submissionId, String author, String cellId, String body, Instant createdAt) {
        this.submissionId = submissionId;
        this.author = author;
        this.cellId = cellId;
        this.body = body;
        this.createdAt = createdAt;
    }

    public long id() {
        return id;
    }

    public long submissionId() {
        return submissionId;
    }

    public String author() {
        return author;
    }

    public String cellId() {
        return cellId;
    }

    public String body() {
        return body;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
