package dev.moduleagent.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.conformance.internal.ApplyRun;
import dev.moduleagent.conformance.internal.RecordingContext;
import dev.moduleagent.conformance.internal.ReportedSection;
import dev.moduleagent.twin.TwinRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one {@link ComponentHandler} against scripted desired versions the way the agent does, and checks what the
 * agent relies on. Every application checks the outcome code, the acknowledgement shape {@code {"value", "ac", "av",
 * "ad"}} with {@code av} = the desired {@code $version}, the rules of {@link dev.moduleagent.api.ApplyContext}, and
 * IoT Hub's limits on the reported section. The {@code check…} methods add idempotence, superseding and restarts.
 *
 * <pre>{@code
 * try (ConformanceKit kit = ConformanceKit.forComponent("hello", HelloHandler::new)) {
 *     kit.checkIdempotent(Map.of("name", "Ada"));
 * }
 * }</pre>
 *
 * <p>Failures are JUnit assertion errors. Not thread-safe: one test drives one kit.
 */
public final class ConformanceKit implements AutoCloseable {

    private final String component;
    private final Supplier<? extends ComponentHandler> factory;
    private final ReportedSection reported = new ReportedSection();
    private final boolean ownsHandlers;
    private final List<RecordingContext> contexts = new ArrayList<>();
    private Set<String> ignoredKeys = Set.of();
    private Duration supersedeBound = Duration.ofSeconds(10);
    private Duration applyBound;
    private ComponentHandler handler;
    private long version;

    private ConformanceKit(String component, Supplier<? extends ComponentHandler> factory, boolean ownsHandlers) {
        this.component = component;
        this.factory = factory;
        this.ownsHandlers = ownsHandlers;
    }

    /**
     * @param component the component name the handler owns
     * @param factory makes a handler; each call is a new instance over the same state and configuration, as after
     *     an agent restart. A handler that is {@link AutoCloseable} is closed when replaced and by {@link #close()}.
     * @return a kit with no desired version applied yet
     */
    public static ConformanceKit forComponent(String component, Supplier<? extends ComponentHandler> factory) {
        return new ConformanceKit(component, factory, true);
    }

    /**
     * @param component the component name the handler owns
     * @param service a handler whose life cycle belongs to someone else (an OSGi service): never closed, and
     *     {@link #restart()} keeps the same instance
     * @return a kit with no desired version applied yet
     */
    public static ConformanceKit forService(String component, ComponentHandler service) {
        return new ConformanceKit(component, () -> service, false);
    }

    /**
     * @param keys reported keys that change by themselves (uptime, free memory), left out of comparisons
     * @return this kit
     */
    public ConformanceKit ignoringInComparisons(String... keys) {
        this.ignoredKeys = Set.of(keys);
        return this;
    }

    /**
     * @param bound how long a superseded apply may run on before it returns (default ten seconds)
     * @return this kit
     */
    public ConformanceKit supersedeWithin(Duration bound) {
        this.supersedeBound = bound;
        return this;
    }

    /**
     * @param bound how long any apply may take (default: the handler's own {@link ComponentHandler#timeout()})
     * @return this kit
     */
    public ConformanceKit applyWithin(Duration bound) {
        this.applyBound = bound;
        return this;
    }

    /** @return the current handler instance, made on first use */
    public ComponentHandler handler() {
        if (handler == null) {
            handler = factory.get();
        }
        return handler;
    }

    /** @return the desired {@code $version} applied last */
    public long version() {
        return version;
    }

    /** @return the component's reported section as the hub holds it now */
    public Map<String, Object> reported() {
        return reported.snapshot();
    }

    /**
     * Applies a section at the next desired version.
     *
     * @param properties the section's properties
     * @return what the application produced, after the per-application checks passed
     * @throws InterruptedException when the test thread is interrupted
     */
    public ApplyResult apply(Map<String, ?> properties) throws InterruptedException {
        return applyAt(++version, properties, false);
    }

    /**
     * Applies a section at the next desired version and checks its outcome code.
     *
     * @param code the expected code
     * @param properties the section's properties
     * @return what the application produced
     * @throws InterruptedException when the test thread is interrupted
     */
    public ApplyResult expect(int code, Map<String, ?> properties) throws InterruptedException {
        ApplyResult result = apply(properties);
        assertEquals(code, result.code(), component + " v" + result.version() + ": " + result.outcome());
        return result;
    }

    /**
     * Applies a section twice at the same desired version, as the agent may after a crash before the ack was
     * stored, and checks that both give the same code and the same reported state (acks compared without their
     * {@code ad} texts).
     *
     * @param properties the section's properties
     * @return the second application
     * @throws InterruptedException when the test thread is interrupted
     */
    public ApplyResult checkIdempotent(Map<String, ?> properties) throws InterruptedException {
        ApplyResult first = apply(properties);
        ApplyResult second = applyAt(version, properties, false);
        assertSameResult("re-apply", first, second);
        return second;
    }

    /**
     * Applies a section with one handler, replaces the handler with a new instance (an agent restart over the same
     * state), applies the same version again, and checks that both give the same code and reported state.
     *
     * @param properties the section's properties
     * @return the application after the restart
     * @throws InterruptedException when the test thread is interrupted
     */
    public ApplyResult checkRestart(Map<String, ?> properties) throws InterruptedException {
        ApplyResult before = apply(properties);
        restart();
        ApplyResult after = applyAt(version, properties, false);
        assertSameResult("restart", before, after);
        return after;
    }

    /**
     * Starts applying {@code older}; on its first progress report a newer version is marked as waiting. Checks that
     * the old apply then saw {@code isSuperseded()}, returned within the bound and was not acknowledged, and applies
     * {@code newer} at the next version. A handler that finishes without ever reporting progress cannot be
     * superseded; its result is then acknowledged as usual and {@link SupersedeResult#superseded()} is false.
     *
     * @param older a section whose apply reports progress while it works
     * @param newer the section of the newer version
     * @return both results
     * @throws InterruptedException when the test thread is interrupted
     */
    public SupersedeResult checkSuperseding(Map<String, ?> older, Map<String, ?> newer) throws InterruptedException {
        ApplyRun run = start(++version, older, true);
        ApplyResult old = finish(run, run.await(boundFor(handler())));
        Duration runOn = run.runOnAfterSuperseded();
        if (runOn != null) {
            assertTrue(run.context().pollsAfterSuperseded() > 0,
                    component + " v" + old.version() + ": apply returned without asking isSuperseded()");
            assertTrue(runOn.compareTo(supersedeBound) <= 0, component + " v" + old.version()
                    + ": apply ran on for " + runOn + " after it was superseded, more than " + supersedeBound);
        }
        ApplyResult next = apply(newer);
        return new SupersedeResult(old, next, runOn != null, runOn);
    }

    /** Replaces the handler with a new instance, closing the old one if it is {@link AutoCloseable}. */
    public void restart() {
        closeHandler();
        handler();
    }

    @Override
    public void close() {
        closeHandler();
    }

    private ApplyResult applyAt(long at, Map<String, ?> properties, boolean supersede) throws InterruptedException {
        ApplyRun run = start(at, properties, supersede);
        return finish(run, run.await(boundFor(handler())));
    }

    private ApplyRun start(long at, Map<String, ?> properties, boolean supersede) {
        Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        return ApplyRun.start(handler(), new DesiredSection(component, at, copy), reported, supersede);
    }

    private ApplyResult finish(ApplyRun run, Outcome outcome) {
        DesiredSection section = run.section();
        String where = component + " v" + section.version();
        assertTrue(outcome.code() == 200 || outcome.code() >= 400 && outcome.code() <= 599,
                where + ": outcome code " + outcome.code());
        boolean acknowledged = !run.context().superseded();
        if (acknowledged) {
            reported.merge(run.context().acks(outcome.code(), outcome.description()));
        }
        contexts.add(run.context());
        List<String> violations = new ArrayList<>();
        contexts.forEach(context -> violations.addAll(context.violations()));
        assertTrue(violations.isEmpty(), where + ": " + String.join("; ", violations));
        Map<String, Object> now = reported.snapshot();
        List<String> limits = TwinRules.componentProblems(component, now, 20);
        assertTrue(limits.isEmpty(), where + ": " + String.join("; ", limits));
        if (acknowledged) {
            AckShape.check(where, section, outcome, now);
        }
        return new ApplyResult(component, section.version(), outcome, acknowledged,
                run.context().progressReports(), now);
    }

    private void assertSameResult(String what, ApplyResult first, ApplyResult second) {
        String where = component + " v" + second.version() + " " + what;
        assertEquals(first.code(), second.code(), where + ": " + first.outcome() + " then " + second.outcome());
        Set<String> acked = ackedKeys(first);
        assertEquals(ReportedSection.comparable(first.reported(), ignoredKeys, acked),
                ReportedSection.comparable(second.reported(), ignoredKeys, acked), where + ": reported state differs");
    }

    private static Set<String> ackedKeys(ApplyResult result) {
        Set<String> keys = new HashSet<>();
        result.reported().forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && map.containsKey("av") && map.containsKey("ac")) {
                keys.add(key);
            }
        });
        return keys;
    }

    private Duration boundFor(ComponentHandler current) {
        return applyBound != null ? applyBound : current.timeout();
    }

    private void closeHandler() {
        if (ownsHandlers && handler instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new AssertionError(component + ": closing the handler failed: " + e, e);
            }
        }
        handler = null;
    }
}
