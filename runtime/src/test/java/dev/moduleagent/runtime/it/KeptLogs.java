package dev.moduleagent.runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When an integration test fails, says where the logs of the agents it started are kept (failsafe keeps the
 * temporary folders of failed tests: {@code junit.jupiter.tempdir.cleanup.mode.default = on_success}) and prints the
 * end of each, so that a CI log already shows why.
 */
final class KeptLogs implements TestWatcher {

    private static final int TAIL_LINES = 60;

    private final List<AgentHome> homes = new CopyOnWriteArrayList<>();

    void watch(AgentHome home) {
        homes.add(home);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (AgentHome home : homes) {
            System.out.println("=== " + context.getDisplayName() + " failed; agent home kept: " + home.dir());
            for (Path log : List.of(home.log(), home.console())) {
                tail(log).ifPresent(text -> System.out.println("--- last lines of " + log + ":\n" + text));
            }
        }
        homes.clear();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        homes.clear();
    }

    private static Optional<String> tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return Optional.of(String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
