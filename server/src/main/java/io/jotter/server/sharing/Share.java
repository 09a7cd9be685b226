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
 * @param grantee    the person it is shared with, or {@code null} for a link
 * @param linkToken  the link's secret, or {@code null} for a person
 * @param role       what the grantee may do
 */
record Share(long id, long notebookId, String owner, String path, String grantee, String linkToken, ShareRole role,
             Instant createdAt) {
}
