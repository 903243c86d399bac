package dev.moduleagent.firmware.internal;

import static dev.moduleagent.firmware.internal.FirmwareFixture.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.api.DesiredSection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareInterruptTest {

    @Test
    void anUpdateInterruptedWhileWritingTheImageEndsAsAnInterruptionThatSaysWhatHappened(@TempDir Path root)
            throws Exception {
        byte[] image = ImageServer.randomImage(2_000_000, 5);
        FirmwareFixture fixture = new FirmwareFixture(root);
        FirmwareUpdater updater = fixture.updater();
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        try (ImageServer server = new ImageServer()) {
            URI held = server.serve("/held.bin", image, ImageServer.Behaviour.HOLD);
            Thread apply = new Thread(() -> {
                try {
                    result.set(updater.apply(new DesiredSection("firmware", 3, section("5.0", held, image)),
                            new FakeApplyContext()));
                } catch (Exception e) {
                    result.set(e);
                }
                interruptKept.set(Thread.currentThread().isInterrupted());
            }, "test-apply");
            apply.start();
            assertTrue(server.awaitHeld(10), "the server never sent the first half");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(fixture.partial()) && Files.size(fixture.partial()) == image.length / 2
                    && readingTheImage(apply))) {
                assertTrue(System.nanoTime() < deadline, "the first half was never written");
                Thread.onSpinWait();
            }

            apply.interrupt(); // blocked in the socket read, which an interrupt does not end: the next write does
            server.releaseHeld();
            apply.join(10_000);
        }

        assertTrue(result.get() instanceof InterruptedException, "ended with " + result.get());
        String message = ((InterruptedException) result.get()).getMessage();
        assertTrue(message.startsWith("download interrupted while writing the image under "), message);
        assertTrue(interruptKept.get(), "the interrupt flag was swallowed");
        assertEquals(image.length / 2, Files.size(fixture.partial()), "what was written stays for the next attempt");
    }

    /** @return whether the thread waits inside the downloader's read of the image (for the held second half) */
    private static boolean readingTheImage(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("read")
                && frame.getClassName().equals(ImageDownloader.class.getName()));
    }
}
