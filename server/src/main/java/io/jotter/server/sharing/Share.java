package io.jotter.server.sharing;

import io.jotter.auth.ShareRole;
import java.time.Instant;

/**
 * One grant on one notebook.
 *
 * @param id         the share's id, how a grantee names the notebook
 * @param notebookId the notebook's row
 * @param owner      whose notebook it is
 * @param path       where it lies in the owner's tree, now
 * @param grantee    the person it is shared with; or
 * @param linkToken  the link's secret; or
 * @param courseId   the course whose members have it
 * @param role       what they may do
 */
record Share(long id, long notebookId, String owner, String path, String grantee, String linkToken, ShareRole role,
             Instant createdAt, Long courseId) {
}
