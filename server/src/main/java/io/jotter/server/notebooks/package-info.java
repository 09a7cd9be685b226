/**
 * Notebooks stored in PostgreSQL (schema in {@code db/migration}). The Jupyter contents API over
 * them, with validation, revisions and save conflicts, is still to come (issue 3).
 */
package io.jotter.server.notebooks;
