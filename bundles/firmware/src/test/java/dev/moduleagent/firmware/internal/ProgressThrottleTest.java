package dev.moduleagent.firmware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    @Test
    void reportsAtOnceThenAtMostOncePerSecondWithBytesAndPercent() {
        FakeApplyContext context = new FakeApplyContext();
        AtomicLong clock = new AtomicLong(10_000);
        ProgressThrottle throttle = new ProgressThrottle(context, 100_000_000, clock::get);
        throttle.update(0);
        clock.addAndGet(400);
        throttle.update(12_500_000);
        clock.addAndGet(600);
        throttle.update(25_000_000);
        clock.addAndGet(999);
        throttle.update(50_000_000);
        assertEquals(List.of("downloading 0.0 MB of 100.0 MB (0%)", "downloading 25.0 MB of 100.0 MB (25%)"),
                context.progress);
    }
}
