package dev.moduleagent.conformance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Builds the framework's {@code org.osgi.framework.system.packages.extra} from the Export-Package headers of the jars
 * that hold given classes on the test class path. Exporting the plug-in API from the class path (the api jar)
 * lets the test drive the plug-in's service with the same {@code ComponentHandler} type the bundle sees.
 */
public final class SystemExports {

    private SystemExports() {
    }

    /**
     * @param anchor a class in the jar whose exports are wanted
     * @param packagePrefix only exports whose package starts with this are kept
     * @param fallback the export used when the jar carries no manifest (a class folder in an IDE)
     * @return export clauses, each {@code package;version="x"}
     * @throws IOException when the jar cannot be read
     */
    public static List<String> of(Class<?> anchor, String packagePrefix, String fallback) throws IOException {
        String header = exportHeader(anchor);
        if (header == null) {
            return List.of(fallback);
        }
        List<String> exports = new ArrayList<>();
        for (String clause : split(header, ',')) {
            String version = "0.0.0";
            List<String> packages = new ArrayList<>();
            for (String part : split(clause, ';')) {
                String trimmed = part.trim();
                if (trimmed.startsWith("version=")) {
                    version = trimmed.substring("version=".length()).replace("\"", "");
                } else if (!trimmed.contains("=")) {
                    packages.add(trimmed);
                }
            }
            for (String name : packages) {
                if (name.startsWith(packagePrefix)) {
                    exports.add(name + ";version=\"" + version + "\"");
                }
            }
        }
        return exports.isEmpty() ? List.of(fallback) : exports;
    }

    private static String exportHeader(Class<?> anchor) throws IOException {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the jar of " + anchor.getName(), e);
        }
        if (Files.isDirectory(location)) {
            Path file = location.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Manifest(in).getMainAttributes().getValue("Export-Package");
            }
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            Manifest manifest = jar.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
        }
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
