package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.moduleagent.localhub.ServiceException;
import dev.moduleagent.localhub.cli.LocalHubCommand;
import dev.moduleagent.runtime.RunCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * IoT Plug and Play commands end to end on 127.0.0.81: the real SDK in the agent process, local-hub's service API and
 * its {@code local-hub method invoke} CLI, a fixture plug-in answering component {@code tool}, and the agent's own
 * {@code agent*…} commands.
 */
class CommandsIT extends AgentItSupport {

    private static final String MODULE = "commands";
    // the fixture's slow command has 2 s (ToolCommands.SLOW_TIMEOUT; its class needs the API, not on this class path)

    @TempDir
    static java.nio.file.Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.81", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void componentCommandsAgentCommandsAndRestartWorkThroughTheHub() throws Exception {
        AgentHome home = home(MODULE);
        deployFixture(home, "commands", "1.0.0");
        deployExample(home, "sysinfo");
        AgentProcess agent = start(home);
        awaitAnswer("tool*echo", 200);

        JsonObject echo = invoke("tool*echo", JsonParser.parseString("{\"slot\":\"B\",\"n\":2}"), 30);
        assertEquals(200, echo.get("status").getAsInt(), echo.toString());
        JsonObject payload = echo.getAsJsonObject("payload");
        assertEquals(2, payload.getAsJsonObject("echo").get("n").getAsInt());
        assertTrue(payload.get("telemetrySent").getAsBoolean(), "plug-in telemetry handed to the connection");
        JsonObject telemetry = awaitTelemetry("tool", "slot=B");
        assertEquals("application/json", telemetry.getAsJsonObject("systemProperties").get("$.ct").getAsString());
        JsonObject body = JsonParser.parseString(telemetry.get("body").getAsString()).getAsJsonObject();
        assertEquals(Set.of("echoed"), body.keySet(), telemetry.toString());
        assertTrue(body.get("echoed").getAsString().contains("slot=B"), telemetry.toString());

        assertEquals(200, viaCli("tool*echo", "{\"from\":\"cli\"}").get("status").getAsInt());
        assertEquals(404, invoke("tool*format", null, 30).get("status").getAsInt());
        assertEquals(404, invoke("nobody*echo", null, 30).get("status").getAsInt());
        JsonObject boom = invoke("tool*boom", null, 30);
        assertEquals(500, boom.get("status").getAsInt());
        assertTrue(boom.toString().contains("tool exploded on purpose"), boom.toString());

        long start = System.nanoTime();
        JsonObject slow = invoke("tool*slow", null, 30);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(504, slow.get("status").getAsInt(), slow.toString());
        assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "answered by the agent in " + took);
        assertEquals(200, invoke("tool*echo", null, 30).get("status").getAsInt(), "still answering after a timeout");

        assertEquals(200, invoke("agent*ping", null, 30).get("status").getAsInt());
        awaitAnswer("sysinfo*refresh", 200);
        JsonObject inventory = invoke("sysinfo*refresh", null, 30);
        assertTrue(inventory.getAsJsonObject("payload").has("cpuCount"), inventory.toString());
        getLogsIsBounded();

        JsonObject restarted = invoke("agent*restartPlugin", JsonParser.parseString("{\"plugin\":\"tool\"}"), 60);
        assertEquals(200, restarted.get("status").getAsInt(), restarted.toString());
        assertEquals("dev.moduleagent.fixture.commands",
                restarted.getAsJsonObject("payload").get("bundle").getAsString());
        awaitAnswer("tool*echo", 200);

        assertEquals(200, invoke("agent*restart", null, 30).get("status").getAsInt());
        assertEquals(RunCommand.EXIT_RESTART_REQUESTED, agent.awaitExit(Duration.ofSeconds(60)),
                "exit code that asks the service unit for a restart");
        assertTrue(Conditions.contains(home.log(), "agent stopped"), "clean framework stop before the exit");
    }

    private void getLogsIsBounded() throws Exception {
        JsonObject logs = invoke("agent*getLogs", JsonParser.parseString("{\"tail\":5,\"level\":\"INFO\"}"), 30);
        assertEquals(200, logs.get("status").getAsInt(), logs.toString());
        int lines = logs.getAsJsonObject("payload").getAsJsonArray("lines").size();
        assertTrue(lines > 0 && lines <= 5, "lines: " + lines);
        JsonObject answered = invoke("agent*getLogs",
                JsonParser.parseString("{\"logger\":\"CommandRouter\",\"since\":\"10m\"}"), 30);
        assertTrue(answered.toString().contains("method answered method=tool*slow status=504"), answered.toString());
        JsonObject everything = invoke("agent*getLogs", JsonParser.parseString("{\"tail\":10000}"), 30);
        assertEquals(200, everything.get("status").getAsInt());
        assertTrue(everything.toString().getBytes(StandardCharsets.UTF_8).length < 130 * 1024);
        JsonObject bad = invoke("agent*getLogs", JsonParser.parseString("{\"level\":\"LOUD\"}"), 30);
        assertEquals(400, bad.get("status").getAsInt());
    }

    private static JsonObject invoke(String method, JsonElement payload, int timeoutSeconds) throws ServiceException {
        return hub.invokeMethod(DEVICE, MODULE, method, payload, timeoutSeconds);
    }

    private static JsonObject viaCli(String method, String payload) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LocalHubCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("method", "invoke", "--data-dir", hub.dataDir().toString(), "--device", DEVICE,
                "--module", MODULE, "--method", method, "--payload", payload);
        assertEquals(0, exit, "local-hub method invoke: " + err);
        return JsonParser.parseString(out.toString()).getAsJsonObject();
    }

    /** @return the first telemetry message the hub received from the module with {@code $.sub} = the component */
    /** The component's telemetry whose body holds {@code marker} (the readiness probe's echoes send telemetry too). */
    private static JsonObject awaitTelemetry(String component, String marker) throws InterruptedException {
        JsonObject[] found = new JsonObject[1];
        Conditions.await("telemetry of component " + component + " with " + marker + " at the hub", CONVERGE, () -> {
            try {
                found[0] = hub.service().events(DEVICE, MODULE, 200).stream().filter(event -> component.equals(
                        event.getAsJsonObject("systemProperties").has("$.sub") ? event.getAsJsonObject(
                                "systemProperties").get("$.sub").getAsString() : null))
                        .filter(event -> event.get("body").getAsString().contains(marker)).findFirst().orElse(null);
                return found[0] != null;
            } catch (ServiceException e) {
                return false;
            }
        });
        return found[0];
    }

    /** Until the module is connected and the plug-in registered, the hub answers 404 (offline) or the agent 404. */
    private static void awaitAnswer(String method, int status) throws InterruptedException {
        Conditions.await(method + " answered " + status, CONVERGE, Duration.ofMillis(250), () -> {
            try {
                return invoke(method, null, 5).get("status").getAsInt() == status;
            } catch (ServiceException e) {
                return false;
            }
        });
    }
}
