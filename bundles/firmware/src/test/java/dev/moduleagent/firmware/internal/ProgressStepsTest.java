package dev.moduleagent.firmware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressStepsTest {

    @Test
    void reportsAtOnceThenOncePerWholePercentGained() {
        FakeApplyContext context = new FakeApplyContext();
        ProgressSteps steps = new ProgressSteps(context, 100_000_000);

        steps.update(0);
        steps.update(400_000);
        steps.update(1_000_000);
        steps.update(1_999_999);
        steps.update(25_000_000);

        assertEquals(List.of("downloading 0.0 MB of 100.0 MB (0%)", "downloading 1.0 MB of 100.0 MB (1%)",
                "downloading 25.0 MB of 100.0 MB (25%)"), context.progress);
    }

    @Test
    void anEmptyImageIsAtOneHundredPercentAtOnce() {
        FakeApplyContext context = new FakeApplyContext();

        new ProgressSteps(context, 0).update(0);

        assertEquals(List.of("downloading 0.0 MB of 0.0 MB (100%)"), context.progress);
    }
}
