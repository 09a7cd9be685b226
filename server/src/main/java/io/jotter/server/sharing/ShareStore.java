package io.jotter.server.sharing;

import io.jotter.server.db.SqlTimes;
import io.jotter.auth.ShareRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The {@code notebook_shares} and {@code cell_comments} tables. */
@ApplicationScoped
@Transactional
public class ShareStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = """
            select s.id, s.notebook_id, n.owner, n.path, s.grantee, s.link_token, s.role, s.created_at, s.course_id
            from notebook_shares s join notebooks n on n.id = s.notebook_id
            """;
    /** A share that names the user, or a course they are a member of (not their own notebooks). */
    private static final String FOR_USER = """
            (s.grantee = ?1 or s.course_id in (select m.course_id from course_members m where m.username = ?1))
            and n.owner <> ?1""";

    private final EntityManager entities;

    public ShareStore(EntityManager entities) {
        this.entities = entities;
    }

    /** Shares with a person, or changes the role they had. */
    long shareWith(long notebookId, String grantee, ShareRole role) {
        return grant("grantee", notebookId, grantee, role);
    }

    /** Shares with every member of a course, or changes the role they have. */
    long shareWithCourse(long notebookId, long courseId, ShareRole role) {
        return grant("course_id", notebookId, courseId, role);
    }

    /** One share per notebook and grantee ({@code column}: a person or a course); sharing again sets the role. */
    private long grant(String column, long notebookId, Object grantee, ShareRole role) {
        return ((Number) entities.createNativeQuery("insert into notebook_shares (notebook_id, " + column
                        + ", role) values (?1, ?2, ?3) on conflict (notebook_id, " + column
                        + ") do update set role = excluded.role returning id")
                .setParameter(1, notebookId).setParameter(2, grantee).setParameter(3, role.apiName())
                .getSingleResult()).longValue();
    }

    /** A new link, with a secret nobody can guess (192 random bits). */
    long shareByLink(long notebookId, ShareRole role) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return ((Number) entities.createNativeQuery(
                        "insert into notebook_shares (notebook_id, link_token, role) values (?1, ?2, ?3) returning id")
                .setParameter(1, notebookId)
                .setParameter(2, Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .setParameter(3, role.apiName()).getSingleResult()).longValue();
    }

    List<Share> ofNotebook(long notebookId) {
        return shares(SELECT + " where s.notebook_id = ?1 order by s.id", notebookId);
    }

    /** Shared with the user by name or through a course; a notebook shared both ways is listed once per share. */
    List<Share> sharedWith(String user) {
        return shares(SELECT + " where " + FOR_USER + " order by n.owner, n.path", user);
    }

    /** A share of {@code owner}'s; empty if there is none by that id, or it is someone else's. */
    Optional<Share> ownedBy(long id, String owner) {
        return shares(SELECT + " where s.id = ?1 and n.owner = ?2", id, owner).stream().findFirst();
    }

    Optional<Share> forGrantee(long id, String user) {
        return shares(SELECT + " where s.id = ?2 and " + FOR_USER, user, id).stream().findFirst();
    }

    Optional<Share> byLink(String token) {
        return shares(SELECT + " where s.link_token = ?1", token).stream().findFirst();
    }

    void revoke(long id) {
        entities.createNativeQuery("delete from notebook_shares where id = ?1").setParameter(1, id).executeUpdate();
    }

    void comment(long notebookId, String cellId, String author, String body) {
        entities.createNativeQuery("insert into cell_comments (notebook_id, cell_id, author, body) values (?1, ?2, ?3, ?4)")
                .setParameter(1, notebookId).setParameter(2, cellId).setParameter(3, author).setParameter(4, body)
                .executeUpdate();
    }

    List<Comment> comments(long notebookId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery(
                        "select id, cell_id, author, body, created_at from cell_comments where notebook_id = ?1 order by id")
                .setParameter(1, notebookId).getResultList();
        return rows.stream().map(row -> new Comment(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                (String) row[3], SqlTimes.instant(row[4]))).toList();
    }

    private List<Share> shares(String sql, Object... parameters) {
        var query = entities.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new Share(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                (String) row[2], (String) row[3], (String) row[4], (String) row[5],
                ShareRole.fromApiName((String) row[6]).orElseThrow(), SqlTimes.instant(row[7]),
                row[8] == null ? null : ((Number) row[8]).longValue())).toList();
    }
}
