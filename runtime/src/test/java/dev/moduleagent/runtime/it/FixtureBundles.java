package dev.moduleagent.runtime.it;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the test plug-ins (packages {@code dev.moduleagent.runtime.fixture.*}, compiled with the tests) into
 * bundles with bndlib, the same tool the product bundles are built with: manifest, imports and component XML come
 * from the classes' annotations.
 */
final class FixtureBundles {

    private final Path testClasses;
    private final Path apiBundle;

    FixtureBundles(Path distribution) throws IOException {
        try {
            this.testClasses = Path.of(FixtureBundles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        this.apiBundle = apiBundle(distribution.resolve("system"));
    }

    /**
     * @param name the fixture package's last segment, for example {@code counter}
     * @param version the bundle version
     * @param target where to write the jar
     * @return the jar
     */
    Path build(String name, String version, Path target) throws Exception {
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", "dev.moduleagent.fixture." + name);
            builder.setProperty("Bundle-Version", version);
            builder.setProperty("-includepackage", "dev.moduleagent.runtime.fixture." + name
                    + ",dev.moduleagent.runtime.fixture");
            builder.setProperty("-dsannotations", "*");
            builder.setProperty("-noextraheaders", "true");
            String activator = "dev.moduleagent.runtime.fixture." + name + ".Activator";
            if (Files.exists(testClasses.resolve(activator.replace('.', '/') + ".class"))) {
                builder.setProperty("Bundle-Activator", activator); // a fixture with a class named Activator
            }
            builder.addClasspath(testClasses.toFile());
            builder.addClasspath(apiBundle.toFile());
            try (Jar jar = builder.build()) {
                List<String> errors = builder.getErrors();
                if (!errors.isEmpty()) {
                    throw new IllegalStateException("fixture " + name + ": " + errors);
                }
                Files.createDirectories(target.getParent());
                jar.write(target.toFile());
            }
        }
        return target;
    }

    private static Path apiBundle(Path system) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(system, "module-agent-api-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IOException("no module-agent-api bundle in " + system + File.separator);
    }
}
