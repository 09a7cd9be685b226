/**
 * What the stores' native queries share: time values to and from PostgreSQL. No store or table lives here.
 */
package io.jotter.server.db;
