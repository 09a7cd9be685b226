/**
 * The usage ledger's entries and what they add up to. The ledger is append-only: a grant, a metered runtime, a
 * refund or an admin's adjustment is a new entry, never an edit. {@link io.jotter.quota.ledger.Balance} folds a
 * user's entries into what they have left, spending the units that expire first.
 */
package io.jotter.quota.ledger;
