package dev.moduleagent.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConformanceKitTest {

    @Test
    void acknowledgesEveryPropertyWithItsValueCodeDesiredVersionAndDescription() throws Exception {
        try (ConformanceKit kit = ConformanceKit.forComponent("demo", () -> (section, context) -> Outcome.done("ok"))) {
            kit.apply(Map.of("a", 1L));
            ApplyResult result = kit.apply(Map.of("a", 2L, "b", "x"));
            assertEquals(2, result.version());
            assertEquals(Map.of("value", 2L, "ac", 200L, "av", 2L, "ad", "ok"), result.ack("a"));
            assertEquals(Map.of("value", "x", "ac", 200L, "av", 2L, "ad", "ok"), result.ack("b"));
        }
    }

    @Test
    void failsAHandlerThatReturnsWithoutAskingWhetherItWasSuperseded() {
        ComponentHandler careless = (section, context) -> {
            context.progress("working");
            return Outcome.done("finished anyway");
        };
        try (ConformanceKit kit = ConformanceKit.forComponent("demo", () -> careless)) {
            AssertionError error = assertThrows(AssertionError.class,
                    () -> kit.checkSuperseding(Map.of("v", 1L), Map.of("v", 2L)));
            assertTrue(error.getMessage().contains("without asking isSuperseded()"), error.getMessage());
        }
    }

    @Test
    void doesNotAcknowledgeASupersededApplyAndAcknowledgesTheNewerOne() throws Exception {
        ComponentHandler polite = (section, context) -> {
            context.progress("working");
            return context.isSuperseded() ? new Outcome(409, "superseded") : Outcome.done("done");
        };
        try (ConformanceKit kit = ConformanceKit.forComponent("demo", () -> polite)) {
            SupersedeResult result = kit.checkSuperseding(Map.of("v", 1L), Map.of("v", 2L));
            assertTrue(result.superseded());
            assertFalse(result.older().acknowledged());
            assertEquals(202L, result.older().ack("v").get("ac"), "only the progress ack of the older version");
            assertEquals(2L, result.newer().ack("v").get("av"));
        }
    }

    @Test
    void failsAReportThatUsesTheNameOfADesiredProperty() {
        ComponentHandler clash = (section, context) -> {
            context.report(Map.of("name", "reported"));
            return Outcome.done("ok");
        };
        try (ConformanceKit kit = ConformanceKit.forComponent("demo", () -> clash)) {
            AssertionError error = assertThrows(AssertionError.class, () -> kit.apply(Map.of("name", "x")));
            assertTrue(error.getMessage().contains("nor name a desired property"), error.getMessage());
        }
    }

    @Test
    void failsAReportedSectionLargerThanIotHubAccepts() {
        ComponentHandler verbose = (section, context) -> {
            Map<String, Object> big = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                big.put("chunk" + i, "x".repeat(4000));
            }
            context.report(big);
            return Outcome.done("ok");
        };
        try (ConformanceKit kit = ConformanceKit.forComponent("demo", () -> verbose)) {
            AssertionError error = assertThrows(AssertionError.class, () -> kit.apply(Map.of("a", 1L)));
            assertTrue(error.getMessage().contains("more than 32768"), error.getMessage());
        }
    }

    @Test
    void failsAHandlerWhoseReApplyChangesTheReportedState() {
        AtomicInteger applies = new AtomicInteger();
        ComponentHandler counting = (section, context) -> {
            context.report(Map.of("applies", (long) applies.incrementAndGet()));
            return Outcome.done("ok");
        };
        try (ConformanceKit kit = ConformanceKit.forComponent("demo", () -> counting)) {
            AssertionError error = assertThrows(AssertionError.class, () -> kit.checkIdempotent(Map.of("a", 1L)));
            assertTrue(error.getMessage().contains("reported state differs"), error.getMessage());
        }
    }

    @Test
    void failsAHandlerThatKeepsUsingAContextAfterApplyReturned() throws Exception {
        AtomicReference<ApplyContext> kept = new AtomicReference<>();
        ComponentHandler leaky = (section, context) -> {
            ApplyContext old = kept.getAndSet(context);
            if (old != null) {
                old.progress("late");
            }
            return Outcome.done("ok");
        };
        try (ConformanceKit kit = ConformanceKit.forComponent("demo", () -> leaky)) {
            kit.apply(Map.of("a", 1L));
            AssertionError error = assertThrows(AssertionError.class, () -> kit.apply(Map.of("a", 2L)));
            assertTrue(error.getMessage().contains("called after apply returned"), error.getMessage());
        }
    }

    @Test
    void givesAnExceptionTheCode500WithItsMessage() throws Exception {
        try (ConformanceKit kit = ConformanceKit.forComponent("demo", () -> (section, context) -> {
            throw new IllegalStateException("disk on fire");
        })) {
            assertEquals(new Outcome(500, "disk on fire"), kit.expect(500, Map.of("a", 1L)).outcome());
        }
    }
}
