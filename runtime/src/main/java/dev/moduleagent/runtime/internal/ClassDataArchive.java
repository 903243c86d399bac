package dev.moduleagent.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The agent's half of {@code bin/module-agent}'s class-data sharing: while a start records an archive, it marks that
 * the agent really started (system property {@value #PROPERTY} names the marker file), so the script keeps only
 * archives of starts that loaded the whole agent, not of one that stopped at a configuration error.
 */
public final class ClassDataArchive {

    /** System property set by {@code bin/module-agent} while a start records an archive. */
    public static final String PROPERTY = "moduleagent.cds.started";

    private ClassDataArchive() {
    }

    /** Marks the recording start as a real one; without the property, nothing. */
    public static void markStarted() {
        String marker = System.getProperty(PROPERTY);
        if (marker == null || marker.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(marker), "started\n");
        } catch (IOException e) {
            LoggerFactory.getLogger(ClassDataArchive.class).info("class-data archive not kept: cannot write {} ({})",
                    marker, e.getMessage());
        }
    }
}
