package dev.moduleagent.benchmark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void oddCountMedianIsTheMiddleValueWhateverTheOrder() {
        Summary summary = Summary.of(List.of(9.0, 1.0, 5.0));
        assertEquals(new Summary(1.0, 5.0, 9.0, 3), summary);
    }

    @Test
    void evenCountMedianIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(4.0, Summary.of(List.of(10.0, 2.0, 6.0, 1.0)).median());
    }

    @Test
    void ratiosArePairedRoundByRoundThenSummarised() {
        // round 1: 2/1, round 2: 3/3, round 3: 8/2 -> 2, 1, 4; a ratio of medians would give 3/2 = 1.5
        Summary ratio = Summary.ratios(List.of(2.0, 3.0, 8.0), List.of(1.0, 3.0, 2.0));
        assertEquals(new Summary(1.0, 2.0, 4.0, 3), ratio);
    }

    @Test
    void unpairedOrZeroBaselinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Summary.ratios(List.of(1.0, 2.0), List.of(1.0)));
        assertThrows(IllegalArgumentException.class, () -> Summary.ratios(List.of(1.0), List.of(0.0)));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of()));
    }

    @Test
    void percentileIsNearestRank() {
        List<Double> hundred = new java.util.ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            hundred.add((double) i);
        }
        assertEquals(50.0, Summary.percentile(hundred, 50));
        assertEquals(99.0, Summary.percentile(hundred, 99));
        assertEquals(100.0, Summary.percentile(hundred, 100));
        assertEquals(7.0, Summary.percentile(List.of(7.0), 99));
        assertEquals(2.0, Summary.percentile(List.of(1.0, 2.0, 3.0), 50));
    }
}
