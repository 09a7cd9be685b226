/**
 * The accelerator catalog (cpu, gpu and tpu runtime types), pool capacity, warm runtimes and the reservation calendar.
 *
 * <p>Not built yet: this module is a placeholder in the reactor until its issue lands.
 */
package io.jotter.pool;
