package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while the hub writes twins: a child JVM runs the hub and changes a twin in a loop; it is killed forcibly;
 * the data folder must then open, and the twin must hold every confirmed change, with tags and desired from the same
 * change (one transaction) and a consistent $version.
 */
class DurabilityIT {

    private static final String HOST = "127.0.0.16";
    private static final int CHANGES_PER_CYCLE = 25;

    @TempDir
    Path dataDir;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twinSurvivesKillDuringWritesConsistently() throws Exception {
        long confirmed = 0;
        for (int cycle = 0; cycle < 2; cycle++) {
            confirmed = killWriterAfterChanges(confirmed + CHANGES_PER_CYCLE);
            try (LocalHub hub = LocalHub.start(HubConfig.defaults(HOST, dataDir))) {
                JsonObject twin = hub.serviceClient().getModuleTwin(TwinWriterProcess.DEVICE, TwinWriterProcess.MODULE);
                JsonObject desired = twin.getAsJsonObject("properties").getAsJsonObject("desired");
                long counter = desired.get("counter").getAsLong();
                assertTrue(counter >= confirmed, "confirmed change " + confirmed + " is stored, found " + counter);
                assertEquals(counter, twin.getAsJsonObject("tags").get("counter").getAsLong(), "tags and desired of one change");
                assertEquals(counter + 1, desired.get("$version").getAsLong(), "one $version per change");
                assertEquals(TwinWriterProcess.BLOB + counter, desired.get("blob").getAsString());
                assertTrue(desired.getAsJsonObject("$metadata").has("counter"));
                confirmed = counter;
            }
        }
    }

    /** Starts the writer, waits until it confirmed {@code target} changes, kills it; returns the last confirmed change. */
    private long killWriterAfterChanges(long target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            TwinWriterProcess.class.getName(), dataDir.toString(), HOST)).redirectErrorStream(true).start();
        AtomicLong lastAck = new AtomicLong();
        Thread reader = new Thread(() -> readAcks(child, lastAck), "writer-output");
        reader.setDaemon(true);
        reader.start();
        Await.until(Duration.ofSeconds(90), () -> lastAck.get() >= target || !child.isAlive(), "the writer to confirm change " + target);
        assertTrue(child.isAlive(), "the writer must still be running when it is killed");
        child.destroyForcibly();
        assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        reader.join(5000);
        return lastAck.get();
    }

    private static void readAcks(Process process, AtomicLong lastAck) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck.set(Long.parseLong(line.substring(4).trim()));
                } else if (!line.startsWith("READY")) {
                    System.out.println("writer: " + line);
                }
            }
        } catch (java.io.IOException e) {
            System.out.println("writer output ended: " + e.getMessage());
        }
    }
}
