package dev.moduleagent.agent.internal.deploy;

/**
 * What the framework says about the bundle installed from one jar of the deploy folder.
 *
 * @param symbolicName its Bundle-SymbolicName
 * @param version its version
 * @param state {@code INSTALLED} (not resolved), {@code RESOLVED}, {@code STARTING}, {@code ACTIVE} or {@code STOPPING}
 * @param startError why the last attempt to start it failed (its activator threw), or {@code null}
 */
public record InstalledBundle(String symbolicName, String version, String state, String startError) {

    /** A bundle with no known start failure. */
    public InstalledBundle(String symbolicName, String version, String state) {
        this(symbolicName, version, state, null);
    }

    /** The state of a bundle whose requirements are not met. */
    public static final String NOT_RESOLVED = "INSTALLED";
}
