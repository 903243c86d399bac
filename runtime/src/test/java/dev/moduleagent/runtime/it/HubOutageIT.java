package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.runtime.fixture.beacon.Beacon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent process while its hub (127.0.0.22) goes away and comes back. */
class HubOutageIT extends AgentItSupport {

    private static final List<String> COMPONENTS = List.of("hello", "counter", "hotplug");

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub("127.0.0.22", hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void theAgentReconvergesToTheNewestVersionOfEveryComponentAfterAHubRestartMidStream() throws Exception {
        AgentHome home = home("restart-mid-stream");
        deployExample(home, "example-hello");
        deployFixture(home, "counter", "1.0.0");
        deployFixture(home, "hotplug", "1.0.0");
        start(home);
        hub.awaitTwin("hotplug reports its build", DEVICE, "restart-mid-stream", CONVERGE,
                twin -> "1.0.0".equals(text(twin, "hotplug", "build")));

        Map<String, Long> newestVersion = new LinkedHashMap<>();
        Map<String, String> newestValue = new LinkedHashMap<>();
        for (int i = 1; i <= 30; i++) {
            String component = COMPONENTS.get(i % COMPONENTS.size());
            String value = component.equals("hello") ? "n" + i : Integer.toString(i);
            newestVersion.put(component, hub.patchDesired(DEVICE, "restart-mid-stream",
                    Desired.patch().component(component, property(component), component.equals("hello") ? value : i)
                            .json()));
            newestValue.put(component, value);
            if (i == 15) {
                hub.stop(); // right after a patch the agent may not have acknowledged yet
                hub.start();
            }
        }

        // after a reconnect the agent applies what the full twin holds, acknowledged with that twin's $version
        hub.awaitTwin("every component acknowledges its newest value " + newestValue, DEVICE, "restart-mid-stream",
                CONVERGE, twin -> newestValue.keySet().stream().allMatch(component -> twin
                        .ack(component, property(component))
                        .filter(ack -> ack.get("ac").getAsInt() == 200
                                && ack.get("av").getAsLong() >= newestVersion.get(component)
                                && ack.get("value").getAsString().equals(newestValue.get(component)))
                        .isPresent()));
        assertEquals("Hello, n30!", text(twin("restart-mid-stream"), "hello", "greeting"));
    }

    private static String property(String component) {
        return component.equals("hello") ? "name" : "level";
    }

    @Test
    void reportedPropertiesMadeWhileTheHubIsDownArriveAfterItIsBack() throws Exception {
        AgentHome home = home("offline-report");
        deployExample(home, "example-hello");
        start(home);
        long version = hub.patchDesired(DEVICE, "offline-report", Desired.patch().component("hello", "name", "Ada").json());
        awaitAcks("offline-report", Map.of("hello", List.of("name")), version, 200);

        hub.stop();
        String token = UUID.randomUUID().toString();
        Files.writeString(home.fixtureDir().resolve(Beacon.FILE), token);
        deployFixture(home, "beacon", "1.0.0");
        Conditions.awaitText(home.log(), "plug-in started file=fixture-beacon.jar bundle=dev.moduleagent.fixture.beacon version=1.0.0", Duration.ofSeconds(30));
        hub.start();

        hub.awaitTwin("the beacon's token reported while the hub was down", DEVICE, "offline-report", CONVERGE,
                twin -> token.equals(text(twin, "beacon", "token")));
    }
}
