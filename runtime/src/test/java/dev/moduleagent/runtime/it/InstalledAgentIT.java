package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.runtime.demo.ModuleIdentityFiles;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb unpacked into a scratch root ({@code dpkg -x}) and run as its systemd unit would run it: the installed
 * {@code bin/module-agent} with the shipped JVM defaults, home {@code /opt/module-agent}, configuration and
 * certificates in {@code /etc/module-agent}, state in {@code /var/lib/module-agent}, stdout as the journal
 * ({@code JOURNAL_STREAM} set). Against a local hub on 127.0.0.63: {@code check} passes, a desired change for the
 * shipped os-config plug-in is acknowledged and written below the state folder (its safe default root), SIGTERM stops
 * it with 143, and the next start maps the class-data archive the first one recorded (a start that failed on its
 * configuration before keeps none).
 */
class InstalledAgentIT {

    private static final String DEVICE = "deb-gateway";
    private static final String MODULE = "installed";
    private static final Duration CONVERGE = Duration.ofSeconds(150);

    @TempDir
    Path dir;

    private Process agent;

    @AfterEach
    void killAgent() throws InterruptedException {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theInstalledLayoutRunsAgainstALocalHubAndAppliesADesiredChange() throws Exception {
        Path root = dir.resolve("root");
        assertEquals(0, Commands.run("dpkg", "-x", DebPackageIT.DEB.toString(), root.toString()).exitCode());
        Path home = root.resolve("opt/module-agent");
        assertSafeOsConfigDefault(root.resolve("var/lib/module-agent/deploy"));
        Path cds = root.resolve("var/lib/module-agent/cds");
        try (TestHub hub = new TestHub("127.0.0.63", dir.resolve("hub"))) {
            hub.createDevice(DEVICE);
            Commands.Result unconfigured = Commands.run(List.of(home.resolve("bin/module-agent").toString(), "run"),
                    Map.of("MODULE_AGENT_HOME", home.toString()), home, Duration.ofSeconds(60));
            assertEquals(1, unconfigured.exitCode(), unconfigured.output());
            assertTrue(unconfigured.output().contains("module-agent: key: key.file " + home.resolve("certs")),
                    unconfigured.output());
            assertEquals(List.of(), files(cds, "*.started"), "a failed start keeps no class-data archive");
            configure(root, hub.createModule(DEVICE, MODULE, dir.resolve("issued")));

            Commands.Result check = Commands.run(List.of(home.resolve("bin/module-agent").toString(), "check"),
                    Map.of("MODULE_AGENT_HOME", home.toString()), home, Duration.ofSeconds(60));
            assertEquals(0, check.exitCode(), check.output());

            Path console = dir.resolve("console-1.log");
            agent = start(home, console);
            long version = hub.patchDesired(DEVICE, MODULE, Desired.patch().component("osconfig", "hostname", "gw-deb")
                    .json());
            hub.awaitTwin("osconfig.hostname acknowledged", DEVICE, MODULE, CONVERGE,
                    twin -> twin.missingAcks(Map.of("osconfig", List.of("hostname")), version, 200).isEmpty());
            assertEquals("gw-deb", Files.readString(root.resolve("var/lib/module-agent/os-config/etc/hostname")).strip(),
                    "written below the state folder, not the system's /etc");
            assertJournalFriendly(Files.readString(console));
            assertTrue(Files.readString(root.resolve("var/log/module-agent/module-agent.log"))
                    .contains("agent started systemBundles="), "the file log is in /var/log/module-agent");
            assertEquals(143, terminate(agent));

            assertEquals(1, files(cds, "*.jsa.recorded").size(), "recorded at the first stop");
            assertEquals(1, files(cds, "*.started").size(), "marked: that start was a real one");
            Path archive = Path.of(files(cds, "*.jsa.recorded").get(0).toString().replace(".recorded", ""));
            agent = start(home, dir.resolve("console-2.log"));
            Path cmdline = Path.of("/proc/" + agent.pid() + "/cmdline");
            Conditions.await("the script exec'd the JVM", Duration.ofSeconds(30),
                    () -> Conditions.contains(cmdline, "ModuleAgentCli"));
            String commandLine = Files.readString(cmdline).replace('\0', ' ');
            assertTrue(commandLine.contains("-XX:SharedArchiveFile=" + home.resolve("data/cds")
                    .resolve(archive.getFileName())), commandLine);
            assertTrue(Files.isRegularFile(archive), "promoted at the second start");
            Conditions.await("the JVM mapped the class-data archive", Duration.ofSeconds(30),
                    () -> Conditions.contains(Path.of("/proc/" + agent.pid() + "/maps"), archive.getFileName().toString()));
            assertTrue(commandLine.contains("-Xmx64m") && commandLine.contains("-XX:+UseSerialGC"), commandLine);
            assertTrue(commandLine.contains("-Xms16m -Xmn8m"), "the small start heap (README: JVM defaults): "
                    + commandLine);
            long second = hub.patchDesired(DEVICE, MODULE, Desired.patch().component("osconfig", "hostname", "gw-cds")
                    .json());
            hub.awaitTwin("second change acknowledged", DEVICE, MODULE, CONVERGE,
                    twin -> twin.missingAcks(Map.of("osconfig", List.of("hostname")), second, 200).isEmpty());
            assertEquals(143, terminate(agent));
        }
        assertNoWarnings(root.resolve("var/log/module-agent/module-agent.log"));
    }

    /**
     * Two normal starts and stops log no warning but the ones that are due: the hub issues 7-day certificates, so the
     * start's check warns that this one ends within 30 days, and the agent warns (once a day) that it expires within
     * 7 days and is not renewed automatically (no renew.est.url). Also allowed: the SDK's own two lines for its
     * PUBACK race (local-hub/PROTOCOL-NOTES.md, SDK defects; seen on a loaded machine), which the agent recovers from —
     * the test's acknowledgements still have to arrive.
     */
    private static void assertNoWarnings(Path log) throws IOException {
        List<String> warnings = Files.readAllLines(log).stream()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .filter(line -> !line.contains("RunCommand - check WARN expiry: "))
                .filter(line -> !line.contains("IdentityReport - module certificate expiry serial="))
                .filter(line -> !line.contains("that was acknowledged by service was not sent by this client, will be ignored"))
                .filter(line -> !line.contains("onMessageSent called with null message")).toList();
        assertEquals(List.of(), warnings, "warnings on a normal start and stop");
    }

    /** What an administrator does after installing: agent.cfg's identity keys, and the files in certs/. */
    private static void configure(Path root, ModuleIdentityFiles identity) throws IOException {
        Path etc = root.resolve("etc/module-agent");
        Files.copy(identity.keyFile(), etc.resolve("certs/module.key.pem"));
        Files.copy(identity.chainFile(), etc.resolve("certs/module.chain.pem"));
        Files.copy(identity.trustFile(), etc.resolve("certs/hub-ca.pem"));
        Path config = etc.resolve("agent.cfg");
        Files.writeString(config, Files.readString(config)
                .replace("hub.host=myhub.azure-devices.net", "hub.host=127.0.0.63")
                .replace("device.id=myDevice", "device.id=" + DEVICE)
                .replace("module.id=myModule", "module.id=" + MODULE)
                .replace("#trust.file=certs/hub-ca.pem", "trust.file=certs/hub-ca.pem"));
    }

    private static Process start(Path home, Path console) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/module-agent").toString(), "run");
        builder.environment().put("MODULE_AGENT_HOME", home.toString()); // as the unit: Environment=, WorkingDirectory=
        builder.environment().put("JOURNAL_STREAM", "8:12345");
        builder.environment().remove("JAVA_OPTS");
        builder.directory(home.toFile());
        builder.redirectErrorStream(true).redirectOutput(Redirect.appendTo(console.toFile()));
        return builder.start();
    }

    private static void assertJournalFriendly(String console) {
        List<String> lines = console.lines().filter(line -> line.contains("agent started systemBundles=")).toList();
        assertEquals(1, lines.size(), console);
        assertTrue(lines.get(0).startsWith("<6>INFO  [main] "), "journal priority, no time stamp: " + lines.get(0));
        assertFalse(console.lines().anyMatch(line -> line.matches("^(<\\d>)?\\d{4}-\\d\\d-\\d\\dT.*")), console);
    }

    /**
     * Refuses to start an os-config plug-in whose default root is still the system's {@code /} (a package built
     * against an older os-config, for example without {@code -am}): it would rewrite this machine's /etc/hostname.
     */
    private static void assertSafeOsConfigDefault(Path deploy) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(deploy, "os-config-*.jar");
                java.util.zip.ZipFile jar = new java.util.zip.ZipFile(jars.iterator().next().toFile())) {
            String metatype = jar.stream().filter(entry -> entry.getName().startsWith("OSGI-INF/metatype/")
                    && entry.getName().endsWith(".xml"))
                    .map(entry -> {
                        try {
                            return new String(jar.getInputStream(entry).readAllBytes());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).findFirst().orElseThrow();
            assertTrue(metatype.contains("default=\"data/os-config\""),
                    "the packaged os-config must default to data/os-config (build with -am): " + metatype);
        }
    }

    private static int terminate(Process process) throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "stopped within 60 s of SIGTERM");
        return process.exitValue();
    }

    private static List<Path> files(Path folder, String glob) throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
                files.forEach(found::add);
            }
        }
        return found;
    }
}
