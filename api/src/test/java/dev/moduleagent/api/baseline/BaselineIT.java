package dev.moduleagent.api.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the baseline guards the API: a copy of this module (with the reactor's parent pom and the committed
 * baseline repository) from which one method of {@code ApplyContext} was removed, while the package version stays
 * a minor one, fails its own Maven build at the baseline goal. Runs Maven offline: the released 1.1.0 jar comes
 * from {@code baseline-repo/}, the plug-ins from the local repository the outer build filled.
 */
class BaselineIT {

    private static final long BUILD_MINUTES = 5;

    @TempDir
    Path copy;

    @Test
    void removingAMethodWithoutAMajorVersionFailsTheBuild() throws Exception {
        Path module = Path.of(property("api.basedir"));
        copyModule(module, copy);
        Path applyContext = copy.resolve("api/src/main/java/dev/moduleagent/api/ApplyContext.java");
        String source = Files.readString(applyContext);
        String removed = source.replace("    boolean isSuperseded();\n", "");
        assertNotEquals(source, removed, "ApplyContext.isSuperseded() not found; pick another method to remove");
        Files.writeString(applyContext, removed);

        Build build = maven(copy, "verify");

        assertNotEquals(0, build.exitCode(), "the build passed without isSuperseded():\n" + build.output());
        assertTrue(build.output().contains("bnd-baseline-maven-plugin"), build.output());
        assertTrue(build.output().contains("Baseline problems detected"), build.output());
        assertTrue(build.output().matches("(?s).*REMOVED\\s+METHOD\\s+isSuperseded\\(\\).*"), build.output());
        assertTrue(build.output().matches("(?s).*dev\\.moduleagent\\.api\\s+PACKAGE\\s+MAJOR.*"), build.output());
    }

    @Test
    void theUnchangedCopyPassesTheBaseline() throws Exception {
        copyModule(Path.of(property("api.basedir")), copy);

        Build build = maven(copy, "verify");

        assertEquals(0, build.exitCode(), build.output());
        assertTrue(build.output().contains("Baseline check succeeded"), build.output());
    }

    /** The parent pom with this module as its only one, the module's pom, sources and baseline repository. */
    private static void copyModule(Path module, Path target) throws IOException {
        String parent = Files.readString(module.resolveSibling("pom.xml"));
        String onlyApi = parent.replaceFirst("(?s)<modules>.*?</modules>", "<modules><module>api</module></modules>");
        Files.writeString(target.resolve("pom.xml"), onlyApi);
        Path api = Files.createDirectories(target.resolve("api"));
        Files.copy(module.resolve("pom.xml"), api.resolve("pom.xml"));
        copyTree(module.resolve("src/main"), api.resolve("src/main"));
        copyTree(module.resolve("baseline-repo"), api.resolve("baseline-repo"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Path destination = to.resolve(from.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(destination);
            } else {
                Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** Maven offline, but with file: repositories allowed (the committed baseline repository is one). */
    private static Build maven(Path project, String phase) throws Exception {
        Path log = project.resolve("build.log");
        Process process = new ProcessBuilder(Path.of(property("maven.home"), "bin", "mvn").toString(), "-B", "-ntp",
                "-o", "-Daether.offline.protocols=file", "-DskipTests", phase)
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
                throw new AssertionError("the copied build did not end within " + BUILD_MINUTES + " min:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            process.destroyForcibly();
        }
        return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run through failsafe)");
        }
        return value;
    }

    private record Build(int exitCode, String output) {
    }
}
