/**
 * {@code /api/contents}: each user's tree of notebooks, files and directories, stored in PostgreSQL
 * and served as Jupyter Server's contents API (models, untitled names, copies, renames, checkpoints),
 * so a client built on {@code @jupyterlab/services} works unchanged. Notebooks are checked against
 * nbformat 4's schema before anything is stored; every save keeps the content it replaces as a revision.
 *
 * <p>The tree lives in the {@code notebooks} table (one row per entry, whatever its type) so that
 * a path is unique per owner across notebooks, files and directories, and so that code outside this
 * package may update a notebook's {@code content} jsonb by (owner, path). Nothing here knows about
 * kernels or sessions.
 */
package io.jotter.server.contents;
