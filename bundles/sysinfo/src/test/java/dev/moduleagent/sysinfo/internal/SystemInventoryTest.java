package dev.moduleagent.sysinfo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemInventoryTest {

    @Test
    void readsOsReleaseKernelMemoryAndUptimeFromTheirFiles(@TempDir Path folder) throws Exception {
        Path proc = folder.resolve("proc");
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.1.0-gateway\n");
        Files.writeString(proc.resolve("meminfo"),
                "MemTotal:        2048 kB\nMemFree:  100 kB\nMemAvailable:    1024 kB\n");
        Files.writeString(proc.resolve("uptime"), "12345.67 2345.00\n");
        Path osRelease = Files.writeString(folder.resolve("os-release"),
                "# comment\nNAME=\"Gateway Linux\"\nVERSION_ID=\"12.4\"\n");
        Map<String, Object> inventory = new SystemInventory(proc, osRelease, folder.resolve("data/not-yet"),
                () -> "0.1.0.SNAPSHOT").collect();
        assertEquals("Gateway Linux", inventory.get("osName"));
        assertEquals("12.4", inventory.get("osVersion"));
        assertEquals("6.1.0-gateway", inventory.get("kernel"));
        assertEquals(2048L * 1024, inventory.get("memoryTotalBytes"));
        assertEquals(1024L * 1024, inventory.get("memoryAvailableBytes"));
        assertEquals(12345L, inventory.get("uptimeSeconds"));
        assertEquals((long) Runtime.getRuntime().availableProcessors(), inventory.get("cpuCount"));
        assertEquals("0.1.0.SNAPSHOT", inventory.get("agentVersion"));
        assertEquals(System.getProperty("os.arch"), inventory.get("arch"));
        assertTrue((Long) inventory.get("diskFreeBytes") > 0, "disk free of the nearest existing folder");
        assertTrue(inventory.get("jvmVersion").toString().contains(Runtime.version().toString()));
    }

    @Test
    void leavesOutWhatItCannotReadInsteadOfGuessing(@TempDir Path folder) {
        Map<String, Object> inventory = new SystemInventory(folder.resolve("no-proc"), folder.resolve("no-release"),
                folder, () -> "unknown").collect();
        assertFalse(inventory.containsKey("memoryTotalBytes"));
        assertFalse(inventory.containsKey("uptimeSeconds"));
        assertFalse(inventory.containsValue(null));
        assertEquals(System.getProperty("os.name"), inventory.get("osName"));
    }
}
