package dev.moduleagent.localhub;

/** What "stored" means before the hub answers a change (see README, "Durability"). */
public enum Durability {
    /** Committed to the database file (survives a kill of the hub, not necessarily a power loss). The default. */
    COMMIT,
    /** Committed and forced to the device ({@code fsync}) once per group of changes: survives a power loss too. */
    FSYNC
}
