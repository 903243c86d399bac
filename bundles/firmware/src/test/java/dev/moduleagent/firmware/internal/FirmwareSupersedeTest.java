package dev.moduleagent.firmware.internal;

import static dev.moduleagent.firmware.internal.FirmwareFixture.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareSupersedeTest {

    @Test
    void givesUpAHalfDoneDownloadWhenANewerVersionArrivesAndInstallsTheNewerOne(@TempDir Path root)
            throws Exception {
        byte[] slow = ImageServer.randomImage(4_000_000, 3);
        byte[] newer = ImageServer.randomImage(200_000, 4);
        FirmwareFixture fixture = new FirmwareFixture(root);
        FirmwareUpdater updater = fixture.updater();
        ExecutorService agent = Executors.newSingleThreadExecutor();
        try (ImageServer server = new ImageServer()) {
            URI held = server.serve("/slow.bin", slow, ImageServer.Behaviour.HOLD);
            FakeApplyContext first = new FakeApplyContext();
            Future<Outcome> running = agent.submit(() ->
                    updater.apply(new DesiredSection("firmware", 7, section("3.0", held, slow)), first));
            assertTrue(server.awaitHeld(10), "the server never sent the first half");
            assertEquals("Downloading", first.reported("state"));

            first.superseded = true;
            server.releaseHeld();
            Outcome outcome = running.get(10, TimeUnit.SECONDS);
            assertEquals(409, outcome.code());
            assertEquals("Idle", first.reported("state"));
            assertEquals(null, fixture.activeSlot());

            URI next = server.serve("/newer.bin", newer, ImageServer.Behaviour.NORMAL);
            FakeApplyContext second = new FakeApplyContext();
            Outcome installed = updater.apply(new DesiredSection("firmware", 8, section("4.0", next, newer)), second);
            assertEquals(200, installed.code());
            assertEquals("4.0", second.reported("installedVersion"));
            assertTrue(Files.exists(root.resolve("slots/A/image.bin")));
        } finally {
            agent.shutdownNow();
            assertTrue(agent.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
