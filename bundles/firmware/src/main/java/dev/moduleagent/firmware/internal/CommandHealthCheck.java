package dev.moduleagent.firmware.internal;

import dev.moduleagent.firmware.api.FirmwareHealthCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the configured health check command after a slot switch: exit code 0 is healthy. Its output goes to
 * {@code health-check.log} under the root; the last line of it becomes part of the reason when it fails.
 */
public final class CommandHealthCheck implements FirmwareHealthCheck {

    private static final int MAX_REASON = 200;
    private static final int TAIL_BYTES = 4096;
    private final List<String> command;
    private final Duration timeout;
    private final Path log;

    /**
     * @param command the command and its arguments
     * @param timeout how long it may run
     * @param log the file its output goes to
     */
    public CommandHealthCheck(List<String> command, Duration timeout, Path log) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.log = log;
    }

    @Override
    public Optional<String> check(String slot, Path image, String version) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("FIRMWARE_SLOT", slot);
        environment.put("FIRMWARE_IMAGE", image.toString());
        environment.put("FIRMWARE_VERSION", version);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Optional.of("health check command " + command.get(0) + " did not start: " + e.getMessage());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of("health check did not finish within " + timeout.toSeconds() + " s");
            }
        } finally {
            process.destroyForcibly();
        }
        int exit = process.exitValue();
        return exit == 0 ? Optional.empty() : Optional.of("health check exited with " + exit + lastLine());
    }

    private String lastLine() {
        try (FileChannel channel = FileChannel.open(log)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer tail = ByteBuffer.allocate((int) (channel.size() - start));
            channel.read(tail, start);
            String[] lines = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).strip().split("\n");
            String last = lines[lines.length - 1].strip();
            return last.isEmpty() ? "" : ": " + last.substring(0, Math.min(last.length(), MAX_REASON));
        } catch (IOException e) {
            return "";
        }
    }
}
