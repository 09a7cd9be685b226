/**
 * Training jobs: a notebook run top to bottom on a runtime with no browser, its executed copy (outputs and
 * per-cell timings) stored beside the original as it runs. A job asks for its runtime as a page does
 * ({@code RuntimeRequests}: the same quota, ledger, reservations and queue), talks to its kernel over the
 * Jupyter protocol itself, and stops the runtime when it ends, which closes metering. A parameter named like a
 * Colab form field ({@code //@param}) sets that field's literal; the others are injected after the cell tagged
 * {@code parameters}, as papermill does. Nothing here talks to the gateway or to
 * browsers; the {@code jobs} table is this package's alone.
 */
package io.jotter.server.jobs;
