package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.runtime.RunCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb as dpkg sees it: contents and control data ({@code dpkg-deb -c/-I}), the maintainer scripts run against
 * stub commands, the systemd unit's directives and {@code systemd-analyze verify}. The installed layout itself runs
 * against a local hub in {@link InstalledAgentIT}.
 */
class DebPackageIT {

    static final Path DEB = Path.of(System.getProperty("moduleagent.deb", "target/module-agent-0.1.0-SNAPSHOT.deb"))
            .toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void contentsAreTheAgentInFhsPlacesWithoutHubOrDemo() throws Exception {
        List<String> lines = Commands.run("dpkg-deb", "-c", DEB.toString()).output().lines().toList();

        assertEntry(lines, "-rwxr-xr-x root/root", "./opt/module-agent/bin/module-agent");
        assertEntry(lines, "-rwxr-xr-x root/root", "./opt/module-agent/bin/cert-tools");
        assertEntry(lines, "-rw-r--r-- root/root", "./etc/module-agent/agent.cfg");
        assertEntry(lines, "-rw-r--r-- root/root", "./usr/lib/systemd/system/module-agent.service");
        assertEntry(lines, "drwxr-xr-x root/root", "./var/lib/module-agent/");
        assertEntry(lines, "drwxr-xr-x root/root", "./var/log/module-agent/");
        assertEntry(lines, "drwxr-xr-x root/root", "./etc/module-agent/certs/");
        assertEntry(lines, "-rw-r--r-- root/root", "./var/lib/module-agent/deploy/os-config-");
        assertEntry(lines, "lrw", "./opt/module-agent/conf -> ../../etc/module-agent");
        assertEntry(lines, "lrw", "./opt/module-agent/data -> ../../var/lib/module-agent");
        assertEntry(lines, "lrw", "./opt/module-agent/logs -> ../../var/log/module-agent");
        assertEntry(lines, "lrw", "./usr/bin/module-agent -> ../../opt/module-agent/bin/module-agent");
        for (String absent : List.of("local-hub", "netty", "lib/h2-", "-demo.jar", "example-hello")) {
            assertFalse(lines.stream().anyMatch(line -> line.contains(absent)), absent + " in the .deb");
        }
    }

    @Test
    void controlNamesDependenciesAndConffiles() throws Exception {
        String info = Commands.run("dpkg-deb", "-I", DEB.toString()).output();
        assertTrue(info.contains(" Package: module-agent\n"), info);
        assertTrue(info.contains(" Architecture: all\n"), info);
        assertTrue(info.contains("openjdk-17-jre-headless") && info.contains("adduser"), info);

        Path control = controlArchive();
        assertEquals(List.of("/etc/module-agent/agent.cfg", "/etc/module-agent/logback.xml"),
                Files.readAllLines(control.resolve("conffiles")));
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    control.resolve(script))), script);
            assertEquals(0, Commands.run("sh", "-n", control.resolve(script).toString()).exitCode(), script);
        }
    }

    @Test
    void postinstCreatesTheSystemUserOnceAndHandsItItsFolders() throws Exception {
        Path control = controlArchive();
        Path calls = dir.resolve("calls.log");

        assertEquals(0, maintainerScript(control.resolve("postinst"), calls, 2, "configure", "").exitCode());
        List<String> first = Files.readAllLines(calls);
        assertEquals("getent passwd module-agent", first.get(0));
        assertEquals("adduser --system --group --quiet --home /var/lib/module-agent --no-create-home --shell "
                + "/usr/sbin/nologin module-agent", first.get(1));
        assertTrue(first.contains("chown module-agent:module-agent /var/lib/module-agent /var/log/module-agent"), first.toString());
        assertTrue(first.contains("chown root:module-agent /etc/module-agent/certs"), first.toString());
        assertTrue(first.contains("chmod 0750 /etc/module-agent/certs"), first.toString());

        Files.delete(calls);
        assertEquals(0, maintainerScript(control.resolve("postinst"), calls, 0, "configure", "0.1.0").exitCode());
        assertFalse(Files.readString(calls).contains("adduser"), "the user exists: not created again");
    }

    @Test
    void purgeRemovesStateAndLogsAndRemoveKeepsThem() throws Exception {
        Path control = controlArchive();
        Path calls = dir.resolve("calls.log");

        assertEquals(0, maintainerScript(control.resolve("postrm"), calls, 0, "remove", "").exitCode());
        assertFalse(Files.exists(calls) && Files.readString(calls).contains("rm "), "remove keeps the state");
        assertEquals(0, maintainerScript(control.resolve("postrm"), calls, 0, "purge", "").exitCode());
        assertTrue(Files.readString(calls).contains("rm -rf /var/lib/module-agent /var/log/module-agent"));
        assertEquals(0, maintainerScript(control.resolve("prerm"), calls, 0, "remove", "").exitCode());
    }

    @Test
    void theUnitRestartsOnFailureAndOnRestartRequestedAndIsHardened() throws Exception {
        Path root = unpacked();
        List<String> unit = Files.readAllLines(root.resolve("usr/lib/systemd/system/module-agent.service"));

        for (String directive : List.of("User=module-agent", "ExecStart=/opt/module-agent/bin/module-agent run",
                "WorkingDirectory=/opt/module-agent", "Restart=on-failure", "SuccessExitStatus=143",
                "RestartForceExitStatus=" + RunCommand.EXIT_RESTART_REQUESTED, "NoNewPrivileges=yes",
                "ProtectSystem=strict", "ReadWritePaths=/var/lib/module-agent /var/log/module-agent", "PrivateTmp=yes",
                "ProtectHome=yes", "LimitNOFILE=4096")) {
            assertTrue(unit.contains(directive), directive + " in " + unit);
        }
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit() throws Exception {
        Assumptions.assumeTrue(Commands.run("sh", "-c", "command -v systemd-analyze").exitCode() == 0,
                "systemd-analyze is not installed (apt-get install systemd): the unit is not verified here");
        Path root = unpacked();
        // verify checks that ExecStart exists: point it at the unpacked package, nothing else changes
        String unit = Files.readString(root.resolve("usr/lib/systemd/system/module-agent.service"))
                .replace("ExecStart=/opt/module-agent/", "ExecStart=" + root + "/opt/module-agent/");
        Path copy = Files.writeString(dir.resolve("module-agent.service"), unit);

        Commands.Result verify = Commands.run(List.of("systemd-analyze", "verify", copy.toString()), Map.of(), dir,
                Duration.ofSeconds(60));

        assertEquals(0, verify.exitCode(), verify.output());
        assertEquals("", verify.output().strip(), "no warning about the unit");
    }

    private Path controlArchive() throws Exception {
        Path control = dir.resolve("control");
        assertEquals(0, Commands.run("dpkg-deb", "-e", DEB.toString(), control.toString()).exitCode());
        return control;
    }

    private Path unpacked() throws Exception {
        Path root = dir.resolve("root");
        assertEquals(0, Commands.run("dpkg", "-x", DEB.toString(), root.toString()).exitCode());
        return root;
    }

    /** Runs a maintainer script with stubs for every command it may call; the stubs log their arguments. */
    private Commands.Result maintainerScript(Path script, Path calls, int getentExit, String... args) throws Exception {
        Path stubs = Files.createDirectories(dir.resolve("stubs"));
        for (String command : List.of("getent", "adduser", "chown", "chmod", "systemctl", "rm")) {
            int exit = command.equals("getent") ? getentExit : 0;
            Path stub = stubs.resolve(command);
            Files.writeString(stub, "#!/bin/sh\necho \"" + command + " $*\" >> '" + calls + "'\nexit " + exit + "\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", script.toString()));
        for (String arg : args) {
            if (!arg.isEmpty()) {
                command.add(arg);
            }
        }
        return Commands.run(command, Map.of("PATH", stubs.toString()), dir, Duration.ofSeconds(30));
    }

    private static void assertEntry(List<String> lines, String modeAndOwner, String path) {
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(modeAndOwner) && line.contains(" " + path)),
                modeAndOwner + " " + path + " in\n" + String.join("\n", lines));
    }
}
