package io.jotter.server.courses;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Assignments, students' copies of them, submissions and feedback in PostgreSQL; always looked up within their parent. */
@ApplicationScoped
public class CourseworkStore {
    private final EntityManager entities;

    public CourseworkStore(EntityManager entities) {
        this.entities = entities;
    }

    public <T> T add(T entity) {
        entities.persist(entity);
        entities.flush();
        return entity;
    }

    public Optional<Assignment> assignment(long courseId, long id) {
        return entities.createQuery("from Assignment where courseId = :course and id = :id", Assignment.class)
                .setParameter("course", courseId).setParameter("id", id).getResultStream().findFirst();
    }

    /** Soonest due first. */
    public List<Assignment> assignments(long courseId) {
        return entities.createQuery("from Assignment where courseId = :course order by dueAt, id", Assignment.class)
                .setParameter("course", courseId).getResultList();
    }

    /** Where a student's copy of an assignment was made, if they started it. */
    public Optional<String> copyPath(long assignmentId, String student) {
        return entities.createNativeQuery("select path from assignment_copies where assignment_id = ?1 "
                        + "and student = ?2")
                .setParameter(1, assignmentId).setParameter(2, student)
                .getResultStream().map(String.class::cast).findFirst();
    }

    /** The paths of the copies one student made, by assignment. */
    @SuppressWarnings("unchecked")
    public Map<Long, String> copyPaths(Collection<Long> assignmentIds, String student) {
        if (assignmentIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = entities.createNativeQuery("select assignment_id, path from assignment_copies "
                        + "where student = ?1 and assignment_id in (?2)")
                .setParameter(1, student).setParameter(2, assignmentIds).getResultList();
        return rows.stream().collect(Collectors.toMap(row -> ((Number) row[0]).longValue(), row -> (String) row[1]));
    }

    public void recordCopy(long assignmentId, String student, String path, Instant now) {
        entities.createNativeQuery("insert into assignment_copies (assignment_id, student, path, started_at) "
                        + "values (?1, ?2, ?3, ?4)")
                .setParameter(1, assignmentId).setParameter(2, student).setParameter(3, path).setParameter(4, now)
                .executeUpdate();
    }

    public Optional<Submission> submission(long assignmentId, long id) {
        return entities.createQuery("from Submission where assignmentId = :assignment and id = :id", Submission.class)
                .setParameter("assignment", assignmentId).setParameter("id", id).getResultStream().findFirst();
    }

    /** Every submission of an assignment, by student, then oldest first. */
    public List<Submission> submissions(long assignmentId) {
        return entities.createQuery("from Submission where assignmentId = :assignment "
                        + "order by student, submittedAt, id", Submission.class)
                .setParameter("assignment", assignmentId).getResultList();
    }

    /** One student's submissions of an assignment, oldest first. */
    public List<Submission> submissions(long assignmentId, String student) {
        return entities.createQuery("from Submission where assignmentId = :assignment and student = :student "
                        + "order by submittedAt, id", Submission.class)
                .setParameter("assignment", assignmentId).setParameter("student", student).getResultList();
    }

    /** The feedback on these submissions, oldest first. */
    public List<Feedback> feedback(Collection<Long> submissionIds) {
        if (submissionIds.isEmpty()) {
            return List.of();
        }
        return entities.createQuery("from Feedback where submissionId in :ids order by createdAt, id", Feedback.class)
                .setParameter("ids", submissionIds).getResultList();
    }
}
