package dev.moduleagent.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moduleagent.api.ComponentHandler;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance tests every plug-in should pass, as a JUnit 5 base class: extend it, say how to make a handler and
 * which sections to apply, and the tests below run against it.
 *
 * <pre>{@code
 * class HelloConformanceTest extends ComponentHandlerConformance {
 *     protected String component() { return "hello"; }
 *     protected ComponentHandler newHandler() { return new HelloHandler(); }
 *     protected Map<String, Object> validSection() { return Map.of("name", "Ada"); }
 * }
 * }</pre>
 *
 * <p>{@link #newHandler()} must return a new instance over the same state each call (a restart). Fields annotated
 * with {@code @TempDir} in the subclass are ready when it is first called.
 */
public abstract class ComponentHandlerConformance {

    /** The kit, new for every test. */
    protected ConformanceKit kit;

    /** @return the component name */
    protected abstract String component();

    /** @return a new handler instance over the test's state and configuration */
    protected abstract ComponentHandler newHandler();

    /** @return a section that applies successfully */
    protected abstract Map<String, Object> validSection();

    /** @return a different section that also applies successfully; by default {@link #validSection()} */
    protected Map<String, Object> newerSection() {
        return validSection();
    }

    /** @return a section whose apply reports progress while it works, or {@code null} to skip the superseding test */
    protected Map<String, Object> slowSection() {
        return null;
    }

    /** @return a section that validation rejects, or {@code null} to skip the rejection test */
    protected Map<String, Object> invalidSection() {
        return null;
    }

    /** @return reported keys whose values change by themselves, left out of comparisons */
    protected String[] volatileReportedKeys() {
        return new String[0];
    }

    /** Opens the kit. */
    @BeforeEach
    protected void openKit() {
        kit = ConformanceKit.forComponent(component(), this::newHandler).ignoringInComparisons(volatileReportedKeys());
    }

    /** Closes the kit and the handler. */
    @AfterEach
    protected void closeKit() {
        kit.close();
    }

    @Test
    void acknowledgesEveryPropertyWithTheDesiredVersion() throws Exception {
        ApplyResult result = kit.expect(200, validSection());
        assertTrue(result.acknowledged());
        for (String property : validSection().keySet()) {
            assertEquals(result.version(), result.ack(property).get("av"));
        }
    }

    @Test
    void reappliesTheSameSectionWithTheSameResult() throws Exception {
        assertEquals(200, kit.checkIdempotent(validSection()).code());
    }

    @Test
    void appliesTheSameVersionAfterARestartWithTheSameResult() throws Exception {
        assertEquals(200, kit.checkRestart(validSection()).code());
    }

    @Test
    void appliesANewerVersionOverAnOlderOne() throws Exception {
        kit.expect(200, validSection());
        kit.expect(200, newerSection());
    }

    @Test
    void givesUpWhenSupersededAndAppliesTheNewerVersion() throws Exception {
        Map<String, Object> slow = slowSection();
        assumeTrue(slow != null, "no slow section: superseding not exercised");
        SupersedeResult result = kit.checkSuperseding(slow, newerSection());
        assertTrue(result.superseded(), "the slow section finished before any progress report");
        assertFalse(result.older().acknowledged());
        assertEquals(200, result.newer().code());
    }

    @Test
    void rejectsAnInvalidSectionWithA4xxCode() throws Exception {
        Map<String, Object> invalid = invalidSection();
        assumeTrue(invalid != null, "no invalid section given");
        ApplyResult result = kit.apply(invalid);
        assertTrue(result.code() >= 400 && result.code() < 500, result.outcome().toString());
        assertFalse(result.outcome().description().isBlank(), "a rejection names what is wrong");
    }
}
