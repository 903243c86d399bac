package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import dev.moduleagent.localhub.ServiceException;
import dev.moduleagent.runtime.fixture.brokenstart.Activator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.moduleagent.runtime.demo.TwinView;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Desired values at the edges, through the real SDK and the real local hub (127.0.0.73): the hub refuses
 * {@code 1e999999} with 400 as IoT Hub does (so the agent's own answer to such a value, an ack 400 without a
 * reconnect, is tested with a fake hub in agent-core's HostileDesiredTest and DesiredValuesFuzzTest), and the agent
 * goes on unharmed. Also a plug-in that cannot start, which the twin must explain.
 */
class HostileTwinIT extends AgentItSupport {

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.73", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void aNumberBeyondDoubleRangeIsRefusedByTheHubAndTheAgentNeitherReconnectsNorStalls() throws Exception {
        AgentHome home = home("hostile-number");
        deployExample(home, "example-hello");
        start(home);
        long first = hub.patchDesired(DEVICE, "hostile-number", Desired.patch().component("hello", "name", "Ada").json());
        awaitAcks("hostile-number", Map.of("hello", List.of("name")), first, 200);

        JsonObject hostile = Desired.patch().component("hello", "name", "Bob").json();
        hostile.getAsJsonObject("hello").add("size", new JsonPrimitive(new LazilyParsedNumber("1e999999")));
        ServiceException refused = assertThrows(ServiceException.class,
                () -> hub.patchDesired(DEVICE, "hostile-number", hostile));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("hello.size is the number 1e999999, beyond the range"),
                refused.getMessage());

        JsonObject repaired = Desired.patch().component("hello", "name", "Cy").json();
        repaired.getAsJsonObject("hello").add("size", JsonNull.INSTANCE);
        long last = hub.patchDesired(DEVICE, "hostile-number", repaired);
        awaitAcks("hostile-number", Map.of("hello", List.of("name")), last, 200);

        String log = Files.readString(home.log());
        assertEquals(1, count(log, "to=CONNECTING"), "the agent reconnected:\n" + log);
    }

    @Test
    void aPlugInWhoseActivatorThrowsShowsTheFailureInTheDeployInventory() throws Exception {
        AgentHome home = home("broken-start");
        start(home);
        hub.awaitTwin("agent connected", DEVICE, "broken-start", CONVERGE, twin -> twin.reportedComponent("agent")
                .map(agent -> agent.getAsJsonObject("connection")).filter(c -> c != null
                        && "CONNECTED".equals(c.get("state").getAsString())).isPresent());
        deployFixture(home, "brokenstart", "1.0.0"); // dropped into a running agent, as plug-ins are

        try {
            hub.awaitTwin("the deploy inventory shows why the bundle is only RESOLVED", DEVICE, "broken-start",
                    Duration.ofSeconds(90), twin -> deployEntry(twin, "fixture-brokenstart.jar").filter(entry -> "RESOLVED".equals(entry.get("state").getAsString())
                            && entry.has("error") && entry.get("error").getAsString().equals(
                                    "start failed: IllegalStateException: " + Activator.FAILURE)).isPresent());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; entry: " + deployEntry(twin("broken-start"), "fixture-brokenstart.jar") + "; log:\n"
                    + Files.readAllLines(home.log()).stream().filter(line -> line.contains("brokenstart")
                            || line.contains("fileinstall")).collect(Collectors.joining("\n")), e);
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
