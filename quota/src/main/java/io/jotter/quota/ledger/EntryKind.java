package io.jotter.quota.ledger;

/** Why a ledger entry exists. */
public enum EntryKind {
    /** Units granted: a paid tier's monthly units, or an admin's grant. */
    GRANT,
    /** A runtime's use, from its start to its stop: units spent and accelerator time used. */
    METER,
    /** Use given back: by an admin, or automatically for a runtime lost through Jotter's fault. */
    REFUND,
    /** An admin's correction, either way. */
    ADJUST;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
