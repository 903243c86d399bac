package dev.moduleagent.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions fixed at build time (this distribution's, and those of the packages the launcher's class path exports
 * to bundles), read from a filtered resource so that they never drift from the pom.
 *
 * @param agent the module-agent version
 * @param slf4j the SLF4J API version on the launcher's class path
 * @param configAdminApi the version of the {@code org.osgi.service.cm} package on the launcher's class path
 */
public record RuntimeVersions(String agent, String slf4j, String configAdminApi) {

    private static final String RESOURCE = "/dev/moduleagent/runtime/runtime.properties";

    /** @return the versions of this build */
    public static RuntimeVersions current() {
        Properties properties = new Properties();
        try (InputStream in = RuntimeVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RuntimeVersions(properties.getProperty("agent.version"), properties.getProperty("slf4j.version"),
                properties.getProperty("cm.version"));
    }
}
