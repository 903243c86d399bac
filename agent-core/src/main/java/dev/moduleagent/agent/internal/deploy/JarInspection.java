package dev.moduleagent.agent.internal.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/** Tells why a jar cannot be an OSGi bundle, from its manifest alone (FileInstall skips such jars without a word). */
public final class JarInspection {

    private JarInspection() {
    }

    /**
     * @param jar a file
     * @return why it is not a bundle, or empty when its manifest names a bundle
     */
    public static Optional<String> problem(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return Optional.of("not an OSGi bundle: it has no META-INF/MANIFEST.MF");
            }
            String symbolicName = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (symbolicName == null || symbolicName.isBlank()) {
                return Optional.of("not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of("not a jar (zip) file: " + e.getMessage());
        } catch (IOException | SecurityException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
    }
}
