package dev.moduleagent.runtime.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Copies a bundle jar with some manifest headers set, to make bundles that are broken on purpose. */
final class ManifestEdit {

    private ManifestEdit() {
    }

    /**
     * @param headers headers to set (replacing existing ones)
     * @return the target
     */
    static Path copyWithHeaders(Path jar, Map<String, String> headers, Path target) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            headers.forEach((name, value) -> main.put(new Attributes.Name(name), value));
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /** @return the value of a main manifest header of the jar */
    static String header(Path jar, String name) throws IOException {
        try (InputStream file = Files.newInputStream(jar); JarInputStream in = new JarInputStream(file)) {
            return in.getManifest().getMainAttributes().getValue(name);
        }
    }
}
