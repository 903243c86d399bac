package dev.moduleagent.conformance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;

/**
 * Finds bundle jars on the test class path by Bundle-SymbolicName, so that a plug-in's test needs no file paths for
 * the framework's infrastructure bundles (they come in as dependencies of the kit).
 */
public final class ClassPathBundles {

    private ClassPathBundles() {
    }

    /**
     * @param loader the class loader whose class path is searched
     * @param symbolicNames the bundles wanted, in install order
     * @return the jar of each bundle, in the order asked
     * @throws IOException when a manifest cannot be read or a bundle is missing
     */
    public static List<Path> find(ClassLoader loader, List<String> symbolicNames) throws IOException {
        Map<String, Path> found = new LinkedHashMap<>();
        Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            URL url = manifests.nextElement();
            String name = symbolicName(url);
            if (name != null && symbolicNames.contains(name) && url.getProtocol().equals("jar")) {
                found.putIfAbsent(name, jarOf(url));
            }
        }
        List<Path> jars = new ArrayList<>();
        for (String name : symbolicNames) {
            Path jar = found.get(name);
            if (jar == null) {
                throw new IOException("bundle " + name + " is not on the test class path; depend on the"
                        + " conformance-kit with its runtime dependencies");
            }
            jars.add(jar);
        }
        return jars;
    }

    private static String symbolicName(URL manifest) throws IOException {
        try (InputStream in = manifest.openStream()) {
            String value = new Manifest(in).getMainAttributes().getValue("Bundle-SymbolicName");
            return value == null ? null : value.split(";", 2)[0].trim();
        }
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
