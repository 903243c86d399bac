package dev.moduleagent.benchmark.internal;

/**
 * One row of the benchmark's table: a measured figure for the baseline (bare SDK program or mosquitto) and the project
 * (agent or local-hub), with the paired ratio project ÷ baseline.
 *
 * @param key a stable identifier for the JSON output (compared across commits)
 * @param label what is measured, as the table shows it
 * @param unit the unit of the values ({@code ms}, {@code MB}, {@code ops/s}, …)
 * @param baseline the baseline's values, or null when there is no baseline (for example hot deploy)
 * @param project the project's values, or null when they could not be measured
 * @param ratio project ÷ baseline per round, or null without both
 * @param goal the goal for the ratio or the figure, as text
 * @param note why a side is missing, or empty
 */
public record Figure(String key, String label, String unit, Summary baseline, Summary project, Summary ratio,
        String goal, String note) {

    /** A figure measured on both sides in the same rounds. */
    public static Figure paired(String key, String label, String unit, Series baseline, Series project, String goal) {
        return new Figure(key, label, unit, Summary.of(baseline.values()), Summary.of(project.values()),
                Summary.ratios(project.values(), baseline.values()), goal, "");
    }

    /** A figure of the project only. */
    public static Figure projectOnly(String key, String label, String unit, Series project, String goal) {
        return new Figure(key, label, unit, null, Summary.of(project.values()), null, goal, "");
    }

    /** A figure whose baseline could not be measured, with the reason. */
    public static Figure withoutBaseline(String key, String label, String unit, Series project, String goal,
            String note) {
        return new Figure(key, label, unit, null, Summary.of(project.values()), null, goal, note);
    }
}
