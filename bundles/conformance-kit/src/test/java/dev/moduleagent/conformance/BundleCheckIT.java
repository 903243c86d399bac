package dev.moduleagent.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.conformance.leaky.LeakyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCheckIT {

    private static final String COMPONENT_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="leaky" immediate="true">
              <property name="moduleagent.component" type="String" value="leaky"/>
              <service><provide interface="dev.moduleagent.api.ComponentHandler"/></service>
              <implementation class="dev.moduleagent.conformance.leaky.LeakyHandler"/>
            </scr:component>
            """;

    @AfterEach
    void endTheLeakedThread() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(LeakyHandler.THREAD)) {
                thread.interrupt();
                thread.join(10_000);
            }
        }
    }

    @Test
    void catchesAThreadThatTheStoppedBundleLeftRunning(@TempDir Path folder) throws Exception {
        Path jar = leakyBundle(folder.resolve("leaky.jar"));
        AssertionError error = assertThrows(AssertionError.class, () -> BundleCheck.of(jar, "leaky")
                .within(Duration.ofMillis(500))
                .whileActive((kit, reported) -> kit.expect(200, Map.of("a", 1L)))
                .run(folder.resolve("framework")));
        String message = error.getMessage();
        assertTrue(message.contains("threads still alive") && message.contains(LeakyHandler.THREAD), message);
    }

    @Test
    void failsWhenNoHandlerIsRegisteredForTheComponent(@TempDir Path folder) throws Exception {
        Path jar = leakyBundle(folder.resolve("leaky.jar"));
        AssertionError error = assertThrows(AssertionError.class, () -> BundleCheck.of(jar, "other")
                .within(Duration.ofMillis(500)).run(folder.resolve("framework")));
        assertTrue(error.getMessage().contains("other: no ComponentHandler registered"), error.getMessage());
    }

    private static Path leakyBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test.leaky");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "dev.moduleagent.api;version=\"[1.0,2)\"");
        main.putValue("Service-Component", "OSGI-INF/leaky.xml");
        String classFile = LeakyHandler.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                InputStream bytes = LeakyHandler.class.getClassLoader().getResourceAsStream(classFile)) {
            jarOut.putNextEntry(new JarEntry("OSGI-INF/leaky.xml"));
            jarOut.write(COMPONENT_XML.strip().getBytes(StandardCharsets.UTF_8));
            jarOut.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(jarOut);
        }
        return jar;
    }
}
