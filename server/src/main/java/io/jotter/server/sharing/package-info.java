/**
 * Sharing a notebook with a person or by link, as viewer, commenter or editor, and comments on its
 * cells. Who may do what is {@link io.jotter.auth.ShareRole}'s; once allowed, reads and saves go through
 * the contents API's own services in the owner's tree ({@link io.jotter.server.contents.TreeOwner}), so a
 * shared save keeps every rule of a save (validation, versions, revisions). Nothing here runs a kernel:
 * the people a notebook is shared with run their own copy.
 */
package io.jotter.server.sharing;
