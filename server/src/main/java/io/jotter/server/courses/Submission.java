package io.jotter.server.courses;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A student's copy of an assignment, frozen when they submitted it. Read-only once stored. */
@Entity
@Table(name = "submissions")
public class Submission {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "assignment_id", nullable = false)
    private long assignmentId;

    @Column(nullable = false)
    private String student;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", nullable = false)
    private String content;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;

    protected Submission() {
        // for Hibernate
    }

    public Submission(long assignmentId, String student, String notebookJson, Instant submittedAt) {
        this.assignmentId = assignmentId;
        this.student = student;
        this.content = notebookJson;
        this.submittedAt = submittedAt;
    }

    public long id() {
        return id;
    }

    public long assignmentId() {
        return assignmentId;
    }

    public String student() {
        return student;
    }

    public String notebookJson() {
        return content;
    }

    public Instant submittedAt() {
        return submittedAt;
    }
}
