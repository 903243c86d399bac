package dev.moduleagent.firmware.internal;

import static dev.moduleagent.firmware.internal.FirmwareFixture.section;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.conformance.ApplyResult;
import dev.moduleagent.conformance.ConformanceKit;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareUpdaterTest {

    private static final byte[] V1 = ImageServer.randomImage(300_000, 1);
    private static final byte[] V2 = ImageServer.randomImage(500_000, 2);

    @TempDir
    Path root;
    private ImageServer server;
    private FirmwareFixture fixture;
    private ConformanceKit kit;

    @BeforeEach
    void start() throws Exception {
        server = new ImageServer();
        fixture = new FirmwareFixture(root);
        kit = ConformanceKit.forComponent("firmware", fixture::updater);
    }

    @AfterEach
    void stop() {
        kit.close();
        server.close();
    }

    @Test
    void installsIntoTheInactiveSlotAndReportsSucceeded() throws Exception {
        URI v1 = server.serve("/v1.bin", V1, ImageServer.Behaviour.NORMAL);
        ApplyResult first = kit.expect(200, section("1.0", v1, V1));
        assertEquals("A", fixture.activeSlot());
        assertArrayEquals(V1, fixture.imageIn("A"));
        assertEquals("Succeeded", first.reportedValue("state"));
        assertEquals("1.0", first.reportedValue("installedVersion"));
        assertFalse(first.progress().isEmpty(), "progress is reported while downloading");

        URI v2 = server.serve("/v2.bin", V2, ImageServer.Behaviour.NORMAL);
        ApplyResult second = kit.expect(200, section("2.0", v2, V2));
        assertEquals("B", fixture.activeSlot());
        assertArrayEquals(V2, fixture.imageIn("B"));
        assertEquals("installed 2.0 in slot B", second.outcome().description());
        assertEquals("B", second.reportedValue("slot"));
        assertFalse(Files.exists(fixture.partial()), "the download is gone once staged");
    }

    @Test
    void theRollbackCommandSwitchesBackToThePreviousSlotAndRefusesWhenThereIsNone() throws Exception {
        URI v1 = server.serve("/v1.bin", V1, ImageServer.Behaviour.NORMAL);
        kit.expect(200, section("1.0", v1, V1));
        FirmwareFailure none = assertThrows(FirmwareFailure.class, () -> fixture.updater().rollBackToPrevious());
        assertEquals(409, none.code());
        URI v2 = server.serve("/v2.bin", V2, ImageServer.Behaviour.NORMAL);
        kit.expect(200, section("2.0", v2, V2));
        assertEquals("B", fixture.activeSlot());

        FirmwareStatus status = fixture.updater().rollBackToPrevious();
        assertEquals("A", fixture.activeSlot());
        assertEquals("1.0", status.installedVersion());
        assertEquals(FirmwareState.RolledBack, status.state());
        assertEquals("rolled back on request from 2.0 in slot B to 1.0 in slot A", status.reason());
        assertEquals(status, fixture.updater().status(), "persisted");
    }

    @Test
    void treatsTheInstalledVersionAsANoOpWithoutDownloading() throws Exception {
        URI v1 = server.serve("/v1.bin", V1, ImageServer.Behaviour.NORMAL);
        kit.expect(200, section("1.0", v1, V1));
        int requests = server.requests();
        ApplyResult again = kit.expect(200, section("1.0", v1, V1));
        assertEquals("1.0 is already installed in slot A", again.outcome().description());
        assertEquals(requests, server.requests());
    }

    @Test
    void failsWith422OnAHashMismatchAndLeavesTheActiveSlotUntouched() throws Exception {
        URI v1 = server.serve("/v1.bin", V1, ImageServer.Behaviour.NORMAL);
        kit.expect(200, section("1.0", v1, V1));
        URI corrupt = server.serve("/v2.bin", V2, ImageServer.Behaviour.NORMAL);
        ApplyResult result = kit.expect(422, section("2.0", corrupt, ImageServer.sha256(V1), V2.length));
        assertTrue(result.outcome().description().startsWith("sha256 mismatch"), result.outcome().description());
        assertEquals("Failed", result.reportedValue("state"));
        assertEquals("1.0", result.reportedValue("installedVersion"));
        assertEquals("A", fixture.activeSlot());
        assertArrayEquals(V1, fixture.imageIn("A"));
        assertFalse(Files.exists(fixture.partial()), "a corrupt download is not kept");
    }

    @Test
    void failsWith404WhenTheImageIsMissingWithoutShowingTheQuery() throws Exception {
        URI missing = server.url("/nothing.bin?sig=secret-token");
        ApplyResult result = kit.expect(404, section("1.0", missing, V1));
        assertFalse(result.outcome().description().contains("secret-token"), result.outcome().description());
        assertEquals("Failed", result.reportedValue("state"));
        assertEquals(null, fixture.activeSlot());
    }

    @Test
    void resumesAnInterruptedDownloadWithARangeRequestAfterARestart() throws Exception {
        URI cut = server.serve("/v1.bin", V1, ImageServer.Behaviour.CUT_ONCE);
        ApplyResult interrupted = kit.expect(503, section("1.0", cut, V1));
        assertTrue(interrupted.outcome().description().contains("resumes"), interrupted.outcome().description());
        long kept = Files.size(fixture.partial());
        assertEquals(V1.length / 2, kept);

        kit.restart();
        kit.expect(200, section("1.0", cut, V1));
        assertEquals(List.of("bytes=" + kept + "-"), server.ranges());
        assertArrayEquals(V1, fixture.imageIn("A"));
    }

    @Test
    void startsAfreshWhenThePartialDownloadBelongsToAnotherImage() throws Exception {
        URI cut = server.serve("/v1.bin", V1, ImageServer.Behaviour.CUT_ONCE);
        kit.expect(503, section("1.0", cut, V1));
        URI v2 = server.serve("/v2.bin", V2, ImageServer.Behaviour.NORMAL);
        kit.expect(200, section("2.0", v2, V2));
        assertEquals(List.of(), server.ranges());
        assertArrayEquals(V2, fixture.imageIn("A"));
    }

    @Test
    void rollsBackToThePreviousSlotWhenTheHealthCheckFails() throws Exception {
        fixture.health = (slot, image, version) -> version.equals("2.0")
                ? Optional.of("service did not come up") : Optional.empty();
        URI v1 = server.serve("/v1.bin", V1, ImageServer.Behaviour.NORMAL);
        kit.expect(200, section("1.0", v1, V1));
        URI v2 = server.serve("/v2.bin", V2, ImageServer.Behaviour.NORMAL);
        ApplyResult result = kit.expect(500, section("2.0", v2, V2));
        assertEquals("health check of 2.0 in slot B failed (service did not come up); rolled back to slot A",
                result.outcome().description());
        assertEquals("RolledBack", result.reportedValue("state"));
        assertEquals("1.0", result.reportedValue("installedVersion"));
        assertEquals("A", result.reportedValue("slot"));
        assertEquals("A", fixture.activeSlot());
        assertArrayEquals(V1, fixture.imageIn("A"));
    }

    @Test
    void failsWith507WhenTheDiskIsFullAndLeavesTheActiveSlotUntouched() throws Exception {
        URI v1 = server.serve("/v1.bin", V1, ImageServer.Behaviour.NORMAL);
        kit.expect(200, section("1.0", v1, V1));
        fixture.space = folder -> 1024;
        kit.restart();
        URI v2 = server.serve("/v2.bin", V2, ImageServer.Behaviour.NORMAL);
        ApplyResult result = kit.expect(507, section("2.0", v2, V2));
        assertTrue(result.outcome().description().startsWith("not enough space"), result.outcome().description());
        assertEquals("A", fixture.activeSlot());
        assertArrayEquals(V1, fixture.imageIn("A"));
    }

    @Test
    void neverWritesMoreThanTheDeclaredSize() throws Exception {
        URI oversize = server.serve("/v1.bin", V1, ImageServer.Behaviour.OVERSIZE);
        ApplyResult result = kit.expect(422, section("1.0", oversize, V1));
        assertTrue(result.outcome().description().contains("larger than the declared size"),
                result.outcome().description());
        assertFalse(Files.exists(fixture.partial()));
        assertEquals(null, fixture.activeSlot());
    }

    @Test
    void installsFromAFileUrl(@TempDir Path images) throws Exception {
        Path file = images.resolve("v1.bin");
        Files.write(file, V1);
        kit.expect(200, section("1.0", file.toUri(), V1));
        assertArrayEquals(V1, fixture.imageIn("A"));
    }

    @Test
    void rollsBackAnActivationThatARestartInterrupted() throws Exception {
        URI v1 = server.serve("/v1.bin", V1, ImageServer.Behaviour.NORMAL);
        kit.expect(200, section("1.0", v1, V1));
        new StatusStore(root).save(new FirmwareStatus("1.0", ImageServer.sha256(V1), "A", FirmwareState.Activating,
                "switching to slot B", "A"));
        new SlotLayout(root).activate("B");
        FirmwareStatus recovered = fixture.updater().recover();
        assertEquals(FirmwareState.RolledBack, recovered.state());
        assertEquals("A", fixture.activeSlot());
    }
}
