package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JVM defaults (README.md, "Memory and JVM defaults"): present, placed before LOCAL_HUB_JAVA_OPTS so
 * that the user's options win, the serial collector left out when the user names a collector, the native heap trim
 * only on a JVM that knows the flag, and accepted by the real JVM.
 */
class LauncherDefaultsIT {

    @TempDir
    Path fakeJdk;

    private String launcher;

    @BeforeEach
    void fakeJava() throws IOException {
        launcher = System.getProperty("localhub.launcher");
        Assumptions.assumeTrue(launcher != null && Files.isExecutable(Path.of(launcher)),
                "the packaged launcher is needed");
        Path java = Files.createDirectories(fakeJdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-}\"\n"
                + "for a in \"$@\"; do echo \"$a\"; done\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        release("17.0.15");
    }

    @Test
    void theDefaultsComeFirstAndTheUsersOptionsWin() throws Exception {
        List<String> args = launch(Map.of("JAVA_HOME", fakeJdk.toString(),
                "LOCAL_HUB_JAVA_OPTS", "-Xmx512m -Dio.netty.allocator.maxOrder=9"));
        for (String flag : List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40",
                "-XX:TrimNativeHeapInterval=10000", "MALLOC_ARENA_MAX=2")) {
            assertTrue(args.contains(flag), flag + " in " + args);
        }
        assertTrue(args.indexOf("-Xmx384m") >= 0 && args.indexOf("-Xmx384m") < args.indexOf("-Xmx512m"),
                args::toString);
        assertTrue(args.indexOf("-Dio.netty.allocator.maxOrder=7") < args.indexOf("-Dio.netty.allocator.maxOrder=9"),
                args::toString);
        assertEquals("--version", args.get(args.size() - 1));
    }

    @Test
    void aCollectorNamedByTheUserReplacesTheSerialOneAndMallocArenasCanBeSet() throws Exception {
        List<String> args = launch(Map.of("JAVA_HOME", fakeJdk.toString(), "LOCAL_HUB_JAVA_OPTS", "-XX:+UseG1GC",
                "MALLOC_ARENA_MAX", "8"));
        assertFalse(args.contains("-XX:+UseSerialGC"), args::toString);
        assertTrue(args.contains("-XX:+UseG1GC") && args.contains("MALLOC_ARENA_MAX=8"), args::toString);
    }

    @Test
    void theNativeHeapTrimIsLeftOutOnAJvmWithoutIt() throws Exception {
        for (String version : List.of("17.0.8", "20.0.2", "21")) {
            release(version);
            List<String> args = launch(Map.of("JAVA_HOME", fakeJdk.toString()));
            assertFalse(args.contains("-XX:TrimNativeHeapInterval=10000"), version + ": " + args);
            assertTrue(args.contains("-XX:+UseSerialGC"), args::toString);
        }
        release("21.0.1");
        assertTrue(launch(Map.of("JAVA_HOME", fakeJdk.toString())).contains("-XX:TrimNativeHeapInterval=10000"));
    }

    @Test
    void theRealJvmTakesTheDefaultsAndTheOverride() throws Exception {
        List<String> output = launch(Map.of("LOCAL_HUB_JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx200m"));
        String flags = String.join("\n", output);
        assertTrue(flags.contains("-XX:MaxHeapSize=209715200") && flags.contains("-XX:+UseSerialGC")
                && flags.contains("-XX:MaxHeapFreeRatio=40"), flags);
        assertTrue(output.contains("local-hub 0.1.0"), flags);
    }

    private void release(String version) throws IOException {
        Files.writeString(fakeJdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n", StandardCharsets.UTF_8);
    }

    private List<String> launch(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher, "--version").redirectErrorStream(true);
        builder.environment().remove("LOCAL_HUB_JAVA_OPTS");
        builder.environment().remove("MALLOC_ARENA_MAX");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher returns");
        assertEquals(0, process.exitValue(), output);
        return output.lines().map(String::strip).toList();
    }
}
