/** The server's own status for Jupyter clients ({@code /api/status}). */
package io.jotter.server.status;
