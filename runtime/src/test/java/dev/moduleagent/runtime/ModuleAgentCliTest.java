package dev.moduleagent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModuleAgentCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsItsVersion() {
        assertEquals(0, execute("--version"));
        assertTrue(out.toString().startsWith("module-agent 0."), out.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, execute("--help"));
        assertTrue(out.toString().contains("run"), out.toString());
        assertTrue(out.toString().contains("demo"), out.toString());
    }

    @Test
    void runHelpNamesItsOptions() {
        assertEquals(0, execute("run", "--help"));
        assertTrue(out.toString().contains("--home"), out.toString());
        assertTrue(out.toString().contains("--config"), out.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, execute("run", "--no-such-option"));
        assertTrue(err.toString().contains("--no-such-option"), err.toString());
    }

    @Test
    void demoRefusesAnUnknownTransportAsAUsageError() {
        assertEquals(2, execute("demo", "--transport", "HTTPS"));
        assertTrue(err.toString().contains("--transport must be one of MQTT, AMQPS, MQTT_WS, AMQPS_WS, not 'HTTPS'"),
                err.toString());
    }

    @Test
    void runWithoutAConfigurationFailsWithOneLine(@TempDir Path home) {
        assertEquals(1, execute("run", "--home", home.toString()));
        String expected = "module-agent: config: " + home.toAbsolutePath().resolve("conf/agent.cfg")
                + ": no such configuration file";
        assertEquals(expected, err.toString().strip());
    }

    @Test
    void checkWithoutAConfigurationFailsItsFirstLineAndSkipsTheRest(@TempDir Path home) {
        assertEquals(1, execute("check", "--home", home.toString()));
        assertEquals(List.of("FAIL config: " + home.toAbsolutePath().resolve("conf/agent.cfg")
                + ": no such configuration file", "SKIP identity, hub: need a usable configuration"),
                out.toString().lines().toList());
    }

    @Test
    void verbosePrintsTheStackTraceOfAFailure(@TempDir Path home) {
        assertEquals(1, execute("run", "--verbose", "--home", home.toString()));
        assertTrue(err.toString().contains("at dev.moduleagent.runtime.internal.AgentConfigFile"), err.toString());
    }

    private int execute(String... args) {
        CommandLine commandLine = ModuleAgentCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
