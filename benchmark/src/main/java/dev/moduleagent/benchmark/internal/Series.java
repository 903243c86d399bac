package dev.moduleagent.benchmark.internal;

import java.util.ArrayList;
import java.util.List;

/** The values one figure took, round by round, in the order they were measured (so that pairs line up). */
public final class Series {

    private final List<Double> values = new ArrayList<>();

    /** @return this, after adding the value of the next round */
    public Series add(double value) {
        values.add(value);
        return this;
    }

    /** @return the values so far, in round order */
    public List<Double> values() {
        return List.copyOf(values);
    }

    /** @return true before the first round */
    public boolean isEmpty() {
        return values.isEmpty();
    }
}
