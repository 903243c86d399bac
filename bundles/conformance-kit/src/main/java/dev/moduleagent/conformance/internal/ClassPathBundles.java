package dev.moduleagent.conformance.internal;

import dev.moduleagent.launcher.RunBundles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the framework's bundles on the test class path: the agent's run bundles (runtime/agent.bndrun, the list the
 * agent runs with) that the kit's dependencies brought, except the agent's own ({@code dev.moduleagent.*}: the kit
 * plays the agent, and exports the plug-in API from the class path). So a plug-in's test needs no file paths.
 */
public final class ClassPathBundles {

    private static final String AGENT_PREFIX = "dev.moduleagent.";

    private ClassPathBundles() {
    }

    /**
     * @param loader the class loader whose class path is searched
     * @return the jars of the run bundles found there, in the list's order
     * @throws IOException when a jar cannot be read, or none of the run bundles is on the class path
     */
    public static List<Path> find(ClassLoader loader) throws IOException {
        List<Path> found = RunBundles.agent().selectAvailable(jars(loader), AGENT_PREFIX);
        if (found.isEmpty()) {
            throw new IOException("none of the agent's run bundles (Declarative Services, Configuration Admin) is on"
                    + " the test class path; depend on the conformance-kit with its runtime dependencies");
        }
        return found;
    }

    private static List<Path> jars(ClassLoader loader) throws IOException {
        Set<Path> jars = new LinkedHashSet<>();
        Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            URL url = manifests.nextElement();
            if (url.getProtocol().equals("jar")) {
                jars.add(jarOf(url));
            }
        }
        return new ArrayList<>(jars);
    }

    static Path jarOf(URL manifest) throws IOException {
        String spec = manifest.toString();
        try {
            return Path.of(new URI(spec.substring("jar:".length(), spec.indexOf("!/"))));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot locate the jar of " + spec, e);
        }
    }
}
