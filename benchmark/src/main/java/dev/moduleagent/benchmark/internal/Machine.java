package dev.moduleagent.benchmark.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run was measured on, as the README's table names it: absolute figures mean little without it.
 *
 * @param cores the processors available to the JVM ({@code nproc})
 * @param cpu the CPU model from {@code /proc/cpuinfo}, or "unknown"
 * @param ramMb the total memory from {@code /proc/meminfo} in MB, or 0 when unknown
 * @param java the Java runtime's version
 */
public record Machine(int cores, String cpu, long ramMb, String java) {

    /** @return this machine */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(readLines("/proc/cpuinfo")),
                ramMb(readLines("/proc/meminfo")), System.getProperty("java.runtime.version"));
    }

    /** @return the text the README shows */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GB RAM, Java %s", cores, cpu, ramMb / 1024.0,
                java);
    }

    /** @return the 1-minute load average from {@code /proc/loadavg}, or "unknown" */
    public static String loadAverage() {
        List<String> lines = readLines("/proc/loadavg");
        return lines.isEmpty() ? "unknown" : lines.get(0).split(" ")[0];
    }

    static String cpuModel(List<String> cpuinfo) {
        return cpuinfo.stream().filter(line -> line.startsWith("model name")).map(line -> line.replaceFirst(
                "^model name\\s*:\\s*", "").trim()).findFirst().orElse("unknown");
    }

    static long ramMb(List<String> meminfo) {
        return meminfo.stream().filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(0L);
    }

    private static List<String> readLines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
