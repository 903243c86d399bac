package dev.moduleagent.conformance;

import dev.moduleagent.api.ReportedProperties;
import dev.moduleagent.conformance.internal.ReportedSection;
import dev.moduleagent.twin.TwinRules;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A {@link ReportedProperties} that keeps what plug-ins report, per component, and enforces what the agent's
 * implementation documents: IoT Hub's key, depth and size rules ({@link IllegalArgumentException} otherwise).
 * Tests wait on it with {@link #await}.
 */
public final class ReportedPropertiesRecorder implements ReportedProperties {

    private final Map<String, ReportedSection> sections = new HashMap<>();
    private int reports;

    @Override
    public void report(String component, Map<String, ?> properties) {
        synchronized (this) {
            ReportedSection trial = new ReportedSection();
            trial.merge(section(component).snapshot());
            trial.merge(properties);
            List<String> problems = TwinRules.componentProblems(component, trial.snapshot(), 20);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            section(component).merge(properties);
            reports++;
            notifyAll();
        }
    }

    /**
     * @param component a component name
     * @return its reported section now (empty when nothing was reported)
     */
    public synchronized Map<String, Object> reported(String component) {
        return section(component).snapshot();
    }

    /** @return how many reports were accepted */
    public synchronized int reports() {
        return reports;
    }

    /**
     * Waits until a component's reported section satisfies a condition.
     *
     * @param component the component name
     * @param condition the condition on the section
     * @param deadline how long to wait
     * @return the section that satisfied it
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws AssertionError when the deadline passes first
     */
    public synchronized Map<String, Object> await(String component, Predicate<Map<String, Object>> condition,
            Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, Object> now = reported(component);
        while (!condition.test(now)) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("reported section '" + component + "' did not reach the expected state"
                        + " within " + deadline + "; it is " + now);
            }
            wait(left);
            now = reported(component);
        }
        return now;
    }

    /** @return every component's reported section */
    public synchronized Map<String, Map<String, Object>> all() {
        Map<String, Map<String, Object>> copy = new HashMap<>();
        sections.forEach((component, section) -> copy.put(component, section.snapshot()));
        return copy;
    }

    private ReportedSection section(String component) {
        return sections.computeIfAbsent(component, name -> new ReportedSection());
    }
}
