package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.moduleagent.runtime.demo.TwinView;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped plug-ins (firmware, os-config, sysinfo) inside the real agent process, driven through the twin of a
 * local hub on 127.0.0.26; firmware images come from an HTTP server on the same address; {@code firmware*rollback}
 * is invoked as a direct method through the hub's service API.
 */
class PluginsEndToEndIT extends AgentItSupport {

    private static final String ADDRESS = "127.0.0.26";
    private static final List<String> FIRMWARE = List.of("version", "url", "sha256", "size");
    private static final int IMAGE_BYTES = 6 * 1024 * 1024;

    @TempDir
    static Path hubDir;

    @BeforeAll
    static void startHub() throws Exception {
        startHub(ADDRESS, hubDir.resolve("hub"));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
    }

    @Test
    void firmwareIsInstalledAndACorruptedImageLeavesTheActiveSlotAlone() throws Exception {
        try (ImageServer server = new ImageServer(ADDRESS)) {
            AgentHome home = homeWithPlugins("firmware-ok");
            start(home);
            byte[] image = ImageServer.randomImage(IMAGE_BYTES, 1);
            long good = hub.patchDesired(DEVICE, "firmware-ok", firmware("2.0.0", server.publish(image),
                    ImageServer.sha256(image), image.length));
            awaitOutcome("firmware-ok", "firmware", FIRMWARE, good, 200);
            TwinView installed = twin("firmware-ok");
            assertEquals("2.0.0", text(installed, "firmware", "installedVersion"));
            assertEquals("Succeeded", text(installed, "firmware", "state"));
            String slot = text(installed, "firmware", "slot");
            Path root = home.dir().resolve("firmware");
            assertEquals(slot, Files.readString(root.resolve("active")).trim());
            assertArrayEquals(image, Files.readAllBytes(root.resolve("slots/" + slot + "/image.bin")));

            byte[] corrupted = ImageServer.randomImage(IMAGE_BYTES, 2);
            long bad = hub.patchDesired(DEVICE, "firmware-ok", firmware("2.1.0", server.publish(corrupted),
                    ImageServer.sha256(image), corrupted.length)); // the hash of another image
            String reason = awaitOutcome("firmware-ok", "firmware", FIRMWARE, bad, 422).get("ad").getAsString();
            TwinView failed = twin("firmware-ok");
            assertTrue(reason.contains("sha256 mismatch") && reason.contains(ImageServer.sha256(image))
                    && reason.contains(ImageServer.sha256(corrupted)), "the reason names both hashes: " + reason);
            assertEquals("Failed", text(failed, "firmware", "state"));
            assertEquals(reason, text(failed, "firmware", "reason"), "the state's reason is the acknowledged one");
            assertEquals("2.0.0", text(failed, "firmware", "installedVersion"));
            assertEquals(slot, text(failed, "firmware", "slot"));
            assertEquals(slot, Files.readString(root.resolve("active")).trim(), "the active slot is untouched");
            assertArrayEquals(image, Files.readAllBytes(root.resolve("slots/" + slot + "/image.bin")));
        }
    }

    @Test
    void anInterruptedDownloadResumesAfterTheAgentRestarts() throws Exception {
        try (ImageServer server = new ImageServer(ADDRESS)) {
            AgentHome home = homeWithPlugins("firmware-resume");
            AgentProcess agent = start(home);
            byte[] image = ImageServer.randomImage(IMAGE_BYTES, 3);
            long half = IMAGE_BYTES / 2;
            server.stallAt(half);
            long version = hub.patchDesired(DEVICE, "firmware-resume", firmware("3.0.0", server.publish(image),
                    ImageServer.sha256(image), image.length));
            awaitAcks("firmware-resume", Map.of("firmware", FIRMWARE), version, 202);
            Path partial = home.dir().resolve("firmware/download/image.part");
            Conditions.await("half of the image is on disk", CONVERGE,
                    () -> Files.exists(partial) && size(partial) >= half);

            agent.close(); // SIGKILL mid-download, as a power cut would
            server.serveNormally();
            start(home);

            awaitOutcome("firmware-resume", "firmware", FIRMWARE, version, 200);
            List<Long> offsets = server.requestedOffsets();
            assertEquals(0L, offsets.get(0), offsets.toString());
            assertTrue(offsets.size() >= 2 && offsets.get(offsets.size() - 1) >= half,
                    "the restarted download asked only for the rest: " + offsets);
            assertEquals(IMAGE_BYTES, server.bytesSent(), "every byte of the image was sent once");
            String slot = text(twin("firmware-resume"), "firmware", "slot");
            assertArrayEquals(image, Files.readAllBytes(home.dir().resolve("firmware/slots/" + slot + "/image.bin")));
        }
    }

    @Test
    void theFirmwareRollbackCommandInvokedThroughTheHubSwitchesBackAndReportsIt() throws Exception {
        try (ImageServer server = new ImageServer(ADDRESS)) {
            AgentHome home = homeWithPlugins("firmware-rollback");
            start(home);
            byte[] first = ImageServer.randomImage(256 * 1024, 4);
            awaitOutcome("firmware-rollback", "firmware", FIRMWARE, hub.patchDesired(DEVICE, "firmware-rollback",
                    firmware("2.0.0", server.publish(first), ImageServer.sha256(first), first.length)), 200);
            String firstSlot = text(twin("firmware-rollback"), "firmware", "slot");
            byte[] second = ImageServer.randomImage(256 * 1024, 5);
            awaitOutcome("firmware-rollback", "firmware", FIRMWARE, hub.patchDesired(DEVICE, "firmware-rollback",
                    firmware("2.1.0", server.publish(second), ImageServer.sha256(second), second.length)), 200);
            assertNotEquals(firstSlot, text(twin("firmware-rollback"), "firmware", "slot"), "2.1.0 in the other slot");

            JsonObject answer = hub.invokeMethod(DEVICE, "firmware-rollback", "firmware*rollback", null, 30);
            assertEquals(200, answer.get("status").getAsInt(), answer.toString());
            JsonObject payload = answer.getAsJsonObject("payload");
            assertEquals(List.of("2.0.0", firstSlot, "RolledBack"), List.of(
                    payload.get("installedVersion").getAsString(), payload.get("slot").getAsString(),
                    payload.get("state").getAsString()), answer.toString());
            hub.awaitTwin("the rollback reported", DEVICE, "firmware-rollback", CONVERGE,
                    twin -> "RolledBack".equals(text(twin, "firmware", "state"))
                            && "2.0.0".equals(text(twin, "firmware", "installedVersion"))
                            && firstSlot.equals(text(twin, "firmware", "slot")));
            assertTrue(text(twin("firmware-rollback"), "firmware", "reason").contains("from 2.1.0"));
            assertEquals(firstSlot, Files.readString(home.dir().resolve("firmware/active")).trim());
        }
    }

    @Test
    void osConfigWritesValidSettingsAndRefusesABadTimezone() throws Exception {
        AgentHome home = homeWithPlugins("osconfig");
        Path root = home.dir().resolve("os-root");
        Path zone = Files.createDirectories(root.resolve("usr/share/zoneinfo/Europe")).resolve("Berlin");
        Files.writeString(zone, "TZif");
        start(home);

        JsonObject settings = Desired.patch().component("osconfig", "timezone", "Europe/Berlin")
                .component("osconfig", "hostname", "gateway-7")
                .component("osconfig", "ntpServers", "0.pool.ntp.org 1.pool.ntp.org").json();
        long good = hub.patchDesired(DEVICE, "osconfig", settings);
        awaitOutcome("osconfig", "osconfig", List.of("timezone", "hostname", "ntpServers"), good, 200);
        assertEquals("gateway-7", Files.readString(root.resolve("etc/hostname")).trim());
        assertEquals("Europe/Berlin", Files.readString(root.resolve("etc/timezone")).trim());
        assertEquals(Path.of("../usr/share/zoneinfo/Europe/Berlin"),
                Files.readSymbolicLink(root.resolve("etc/localtime")));
        assertTrue(Files.readString(root.resolve("etc/systemd/timesyncd.conf"))
                .contains("NTP=0.pool.ntp.org 1.pool.ntp.org"));
        JsonObject effective = twin("osconfig").reportedComponent("osconfig").orElseThrow().getAsJsonObject("effective");
        assertEquals("gateway-7", effective.get("hostname").getAsString(), "the value in effect is reported");
        assertEquals("Europe/Berlin", effective.get("timezone").getAsString());

        Map<String, String> before = contents(root.resolve("etc"));
        long bad = hub.patchDesired(DEVICE, "osconfig", Desired.patch() // a valid host name beside the bad zone
                .component("osconfig", "timezone", "Mars/Olympus_Mons").component("osconfig", "hostname", "gateway-8")
                .json());
        String reason = awaitOutcome("osconfig", "osconfig", List.of("timezone", "hostname"), bad, 400)
                .get("ad").getAsString();
        assertTrue(reason.contains("Mars/Olympus_Mons"), reason);
        assertEquals(before, contents(root.resolve("etc")), "a rejected section changes no file");
    }

    @Test
    void sysinfoReportsTheMachineAndAcceptsANewInterval() throws Exception {
        AgentHome home = homeWithPlugins("sysinfo");
        start(home);
        hub.awaitTwin("sysinfo reported", DEVICE, "sysinfo", CONVERGE,
                twin -> text(twin, "sysinfo", "jvmVersion") != null);
        TwinView reported = twin("sysinfo");
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()),
                text(reported, "sysinfo", "cpuCount"));
        for (String field : List.of("osName", "kernel", "arch", "memoryTotalBytes", "uptimeSeconds", "agentVersion")) {
            assertTrue(text(reported, "sysinfo", field) != null, field + " in " + reported.reported());
        }
        assertFalse(text(reported, "sysinfo", "jvmVersion").isBlank());

        long version = hub.patchDesired(DEVICE, "sysinfo",
                Desired.patch().component("sysinfo", "intervalSeconds", 30).json());
        awaitOutcome("sysinfo", "sysinfo", List.of("intervalSeconds"), version, 200);
        assertTrue(Conditions.contains(home.dir().resolve("data/sysinfo.properties"), "intervalSeconds=30"),
                "the interval is kept for the next start");
    }

    /**
     * Waits until the first property is acknowledged at the version with a final code (not 202 progress), fails at
     * once when that code is not the expected one, then waits for the other properties' acknowledgements.
     *
     * @return the first property's acknowledgement
     */
    private JsonObject awaitOutcome(String moduleId, String component, List<String> properties, long version,
            int code) throws InterruptedException {
        AtomicReference<JsonObject> outcome = new AtomicReference<>();
        hub.awaitTwin(component + "." + properties.get(0) + " settled at av " + version, DEVICE, moduleId, CONVERGE,
                twin -> {
                    Optional<JsonObject> ack = twin.ack(component, properties.get(0)).filter(found ->
                            found.get("av").getAsLong() == version && found.get("ac").getAsInt() != 202);
                    ack.ifPresent(outcome::set);
                    return ack.isPresent();
                });
        assertEquals(code, outcome.get().get("ac").getAsInt(), "acknowledged " + outcome.get());
        awaitAcks(moduleId, Map.of(component, properties), version, code);
        return outcome.get();
    }

    /** A home with the shipped plug-ins, whose firmware and OS roots are folders of the home. */
    private AgentHome homeWithPlugins(String moduleId) throws Exception {
        AgentHome home = home(moduleId);
        for (String plugin : List.of("firmware", "os-config", "sysinfo")) {
            deployExample(home, plugin);
        }
        Files.writeString(home.deploy().resolve("dev.moduleagent.firmware.cfg"),
                "root=" + home.dir().resolve("firmware") + "\n");
        Files.writeString(home.deploy().resolve("dev.moduleagent.osconfig.cfg"),
                "root=" + home.dir().resolve("os-root") + "\n");
        return home;
    }

    private static JsonObject firmware(String version, URI url, String sha256, long size) {
        return Desired.patch().component("firmware", "version", version).component("firmware", "url", url)
                .component("firmware", "sha256", sha256).component("firmware", "size", size).json();
    }

    /** @return every file below the folder (relative path) with its content, or its target for a link */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList()) {
                contents.put(folder.relativize(path).toString(), Files.isSymbolicLink(path)
                        ? "-> " + Files.readSymbolicLink(path) : Files.readString(path));
            }
        }
        return contents;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
