package dev.moduleagent.agent.internal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarInspectionTest {

    @TempDir
    Path dir;

    @Test
    void acceptsAJarWhoseManifestNamesABundle() throws IOException {
        assertEquals(Optional.empty(), JarInspection.problem(jar("ok.jar", "test.ok")));
    }

    @Test
    void namesAFileThatIsNotAZip() throws IOException {
        Path file = Files.writeString(dir.resolve("text.jar"), "hello");

        assertTrue(JarInspection.problem(file).orElseThrow().startsWith("not a jar (zip) file"));
    }

    @Test
    void namesAJarWithoutManifest() throws IOException {
        Path file = dir.resolve("plain.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write('a');
        }

        assertEquals("not an OSGi bundle: it has no META-INF/MANIFEST.MF", JarInspection.problem(file).orElseThrow());
    }

    @Test
    void namesAPlainJavaLibrary() throws IOException {
        assertEquals("not an OSGi bundle: its manifest has no Bundle-SymbolicName",
                JarInspection.problem(jar("lib.jar", null)).orElseThrow());
    }

    private Path jar(String name, String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // manifest only
        }
        return jar;
    }
}
