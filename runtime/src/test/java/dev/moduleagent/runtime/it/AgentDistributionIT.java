package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway agent's archive against the developer kit's: the agent has bin/module-agent, bin/cert-tools and the
 * production plug-ins, and neither the local hub (with Netty and H2 in lib/) nor the demo nor example-hello.
 */
class AgentDistributionIT {

    private static final Path KIT = Path.of(System.getProperty("moduleagent.dist", "target/module-agent"));
    private static final Path ARCHIVE = Path.of(System.getProperty("moduleagent.agent.archive",
            "target/module-agent-0.1.0-SNAPSHOT.tar.gz"));

    @TempDir
    Path dir;

    @Test
    void theAgentArchiveHoldsTheAgentAndCertToolsButNoHubAndNoDemo() throws Exception {
        List<String> entries = Commands.run("tar", "-tzf", ARCHIVE.toString()).output().lines().toList();
        String top = entries.get(0).substring(0, entries.get(0).indexOf('/') + 1);

        assertTrue(top.startsWith("module-agent-"), top);
        for (String expected : List.of("bin/module-agent", "bin/cert-tools", "conf/agent.cfg", "conf/logback.xml",
                "lib/org.apache.felix.framework-", "lib/cert-tools-", "lib/picocli-", "system/agent-core-", "system/module-agent-api-",
                "deploy/firmware-", "deploy/os-config-", "deploy/sysinfo-")) {
            assertTrue(entries.stream().anyMatch(entry -> entry.startsWith(top + expected)), expected + " in " + entries);
        }
        for (String absent : List.of("lib/local-hub-", "lib/netty-", "lib/h2-", "lib/gson-", "-demo.jar",
                "example-hello")) {
            assertFalse(entries.stream().anyMatch(entry -> entry.contains(absent)), absent + " in " + entries);
        }
    }

    @Test
    void theAgentHasCheckAndCertToolsButNoDemoWhileTheKitHasTheDemo() throws Exception {
        Commands.run("tar", "-xzf", ARCHIVE.toString(), "-C", dir.toString());
        Path agent = Commands.run("sh", "-c", "echo " + dir + "/module-agent-*").output().strip().transform(Path::of);

        Commands.Result demo = Commands.run(agent.resolve("bin/module-agent").toString(), "demo");
        assertEquals(2, demo.exitCode(), demo.output());
        assertTrue(demo.output().contains("Unmatched argument at index 0: 'demo'"), demo.output());
        Commands.Result help = Commands.run(agent.resolve("bin/module-agent").toString(), "check", "--help");
        assertEquals(0, help.exitCode(), help.output());
        Commands.Result certTools = Commands.run(agent.resolve("bin/cert-tools").toString(), "--version");
        assertEquals(0, certTools.exitCode(), certTools.output());
        assertTrue(certTools.output().startsWith("cert-tools "), certTools.output());

        Commands.Result kitHelp = Commands.run(KIT.resolve("bin/module-agent").toString(), "--help");
        assertTrue(kitHelp.output().contains("demo"), kitHelp.output());
    }
}
