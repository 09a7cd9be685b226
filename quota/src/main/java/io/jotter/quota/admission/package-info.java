/**
 * Admission: may this user start this runtime type now, and for how long? Decided on a {@link
 * io.jotter.quota.admission.Usage} snapshot that the caller reads under the user's lock, so two requests of one
 * user are decided one after the other. A refusal always says why and what the user can do. Also the quota
 * status a user sees: balance, burn rate, time left, renewal and warnings.
 */
package io.jotter.quota.admission;
