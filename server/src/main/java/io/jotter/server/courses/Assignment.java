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

/** A notebook published to a course, frozen as it was then, with the date it is due. Never changed after. */
@Entity
@Table(name = "assignments")
public class Assignment {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "course_id", nullable = false)
    private long courseId;

    @Column(nullable = false)
    private String title;

    /** The nbformat JSON handed to every student who starts it. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", nullable = false)
    private String content;

    @Column(name = "source_path", nullable = false)
    private String sourcePath;

    @Column(name = "published_by", nullable = false)
    private String publishedBy;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    protected Assignment() {
        // for Hibernate
    }

    public Assignment(long courseId, String title, String notebookJson, String sourcePath, String publishedBy,
                      Instant publishedAt, Instant dueAt) {
        this.courseId = courseId;
        this.title = title;
        this.content = notebookJson;
        this.sourcePath = sourcePath;
        this.publishedBy = publishedBy;
        this.publishedAt = publishedAt;
        this.dueAt = dueAt;
    }

    /** Late means after the due date, to the microsecond; submitting at the due instant is on time. */
    public boolean isLate(Instant submittedAt) {
        return submittedAt.isAfter(dueAt);
    }

    public long id() {
        return id;
    }

    public long courseId() {
        return courseId;
    }

    public String title() {
        return title;
    }

    public String notebookJson() {
        return content;
    }

    public String sourcePath() {
        return sourcePath;
    }

    public String publishedBy() {
        return publishedBy;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }
}
