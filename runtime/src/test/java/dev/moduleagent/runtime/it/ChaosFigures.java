package dev.moduleagent.runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one chaos scenario measured, printed as one {@code CHAOS …} line (and appended to
 * {@code target/chaos-figures.txt}) whether the scenario passed or not, so that a run shows its figures.
 */
final class ChaosFigures {

    private final String scenario;
    private final long seed;
    private final List<Duration> converge = new ArrayList<>();
    private final List<Duration> stops = new ArrayList<>();
    int faults;
    int converged;
    int lost;
    int reappliedAfterAck;
    int rerunAfterInterruptedApply;
    int storeErrors;
    int offlineReported;
    long stateFileBytes;

    ChaosFigures(String scenario, long seed) {
        this.scenario = scenario;
        this.seed = seed;
    }

    void converged(Duration took) {
        converged++;
        converge.add(took);
    }

    void stopped(Duration took) {
        stops.add(took);
    }

    Duration longestStop() {
        return stops.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    void stateFile(Path file) throws IOException {
        if (Files.exists(file)) {
            stateFileBytes = Math.max(stateFileBytes, Files.size(file));
        }
    }

    String line() {
        StringBuilder line = new StringBuilder("CHAOS ").append(scenario).append(" seed=").append(seed)
                .append(" faults=").append(faults).append(" converged=").append(converged).append(" lost=").append(lost)
                .append(" reappliedAfterAck=").append(reappliedAfterAck)
                .append(" rerunAfterInterruptedApply=").append(rerunAfterInterruptedApply)
                .append(" storeErrors=").append(storeErrors).append(" stateFileBytes=").append(stateFileBytes)
                .append(" convergeMs(median/max)=").append(median(converge)).append('/').append(max(converge))
                .append(" convergeMsEach=").append(converge.stream().map(Duration::toMillis).toList());
        if (!stops.isEmpty()) {
            line.append(" stopMs(median/max)=").append(median(stops)).append('/').append(max(stops))
                    .append(" offlineReported=").append(offlineReported).append('/').append(stops.size());
        }
        return line.toString();
    }

    void print() {
        String line = line();
        System.out.println(line);
        try {
            Files.writeString(Path.of("target/chaos-figures.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(cannot append to target/chaos-figures.txt: " + e.getMessage() + ")");
        }
    }

    private static long median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return 0;
        }
        List<Duration> sorted = new ArrayList<>(durations);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2).toMillis();
    }

    private static long max(List<Duration> durations) {
        return durations.stream().max(Duration::compareTo).orElse(Duration.ZERO).toMillis();
    }
}
