package dev.moduleagent.sysinfo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects the read-only inventory of the gateway: OS name and version ({@code os-release}), kernel, architecture,
 * CPUs, memory ({@code /proc/meminfo}), disk of the data folder, uptime ({@code /proc/uptime}), JVM and agent
 * versions. A value that cannot be read is left out rather than guessed.
 */
public final class SystemInventory {

    private static final int MAX_FILE_BYTES = 64 * 1024;
    private final Path proc;
    private final Path osRelease;
    private final Path dataFolder;
    private final Supplier<String> agentVersion;

    /**
     * @param proc the proc file system, {@code /proc} on Linux
     * @param osRelease the os-release file, {@code /etc/os-release}
     * @param dataFolder the folder whose file system's free space is reported
     * @param agentVersion the agent's version, asked at every collection
     */
    public SystemInventory(Path proc, Path osRelease, Path dataFolder, Supplier<String> agentVersion) {
        this.proc = proc;
        this.osRelease = osRelease;
        this.dataFolder = dataFolder;
        this.agentVersion = agentVersion;
    }

    /** @return the inventory as reported properties */
    public Map<String, Object> collect() {
        Map<String, Object> inventory = new LinkedHashMap<>();
        Map<String, String> release = osRelease();
        inventory.put("osName", release.getOrDefault("NAME", System.getProperty("os.name")));
        inventory.put("osVersion", release.getOrDefault("VERSION_ID", release.get("VERSION")));
        String kernel = read(proc.resolve("sys/kernel/osrelease"));
        inventory.put("kernel", kernel != null ? kernel.strip() : System.getProperty("os.version"));
        inventory.put("arch", System.getProperty("os.arch"));
        inventory.put("cpuCount", (long) Runtime.getRuntime().availableProcessors());
        Map<String, Long> memory = memory();
        inventory.put("memoryTotalBytes", memory.get("MemTotal"));
        inventory.put("memoryAvailableBytes", memory.get("MemAvailable"));
        disk(inventory);
        inventory.put("uptimeSeconds", uptime());
        inventory.put("jvmVersion", System.getProperty("java.vendor") + " " + Runtime.version());
        inventory.put("agentVersion", agentVersion.get());
        inventory.values().removeIf(value -> value == null);
        return inventory;
    }

    private Map<String, String> osRelease() {
        Map<String, String> values = new LinkedHashMap<>();
        String text = read(osRelease);
        if (text != null) {
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip().replace("\"", ""));
                }
            }
        }
        return values;
    }

    private Map<String, Long> memory() {
        Map<String, Long> values = new LinkedHashMap<>();
        String text = read(proc.resolve("meminfo"));
        if (text != null) {
            for (String line : text.split("\n")) {
                String[] parts = line.split("[:\\s]+");
                if (parts.length >= 2 && parts[1].matches("\\d{1,15}")) {
                    long factor = parts.length > 2 && parts[2].equalsIgnoreCase("kB") ? 1024 : 1;
                    values.put(parts[0], Long.parseLong(parts[1]) * factor);
                }
            }
        }
        return values;
    }

    private void disk(Map<String, Object> inventory) {
        Path folder = dataFolder.toAbsolutePath();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null) {
            return;
        }
        try {
            FileStore store = Files.getFileStore(folder);
            inventory.put("diskTotalBytes", store.getTotalSpace());
            inventory.put("diskFreeBytes", store.getUsableSpace());
        } catch (IOException e) {
            // left out: the file system cannot be asked
        }
    }

    private Long uptime() {
        String text = read(proc.resolve("uptime"));
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return (long) Double.parseDouble(text.strip().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
