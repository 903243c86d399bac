package dev.moduleagent.benchmark.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Minimum, median and maximum of the values one figure took over the rounds of a run: the benchmark reports these three
 * rather than a mean, because a loaded 2-core machine gives outliers that a mean would hide.
 *
 * @param min the smallest value
 * @param median the median (the mean of the two middle values for an even count)
 * @param max the largest value
 * @param count how many values
 */
public record Summary(double min, double median, double max, int count) {

    /**
     * @param values at least one value
     * @return their summary
     * @throws IllegalArgumentException when there is no value
     */
    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        List<Double> sorted = sorted(values);
        return new Summary(sorted.get(0), median(sorted), sorted.get(sorted.size() - 1), sorted.size());
    }

    /**
     * Paired ratios: {@code project[i] / baseline[i]} for each round, summarised. A ratio of medians would hide that both
     * sides of a pair ran under the same load; the median of the paired ratios does not.
     *
     * @param project the project's values, round by round
     * @param baseline the baseline's values of the same rounds
     * @return the summary of the ratios
     * @throws IllegalArgumentException when the lists differ in length or are empty, or a baseline value is 0
     */
    public static Summary ratios(List<Double> project, List<Double> baseline) {
        if (project.size() != baseline.size()) {
            throw new IllegalArgumentException("paired values differ in number: " + project.size() + " and "
                    + baseline.size());
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < project.size(); i++) {
            if (baseline.get(i) == 0) {
                throw new IllegalArgumentException("baseline value of round " + (i + 1) + " is 0: no ratio");
            }
            ratios.add(project.get(i) / baseline.get(i));
        }
        return of(ratios);
    }

    /**
     * Nearest-rank percentile.
     *
     * @param values at least one value
     * @param percent 0 < percent <= 100
     * @return the smallest value with at least {@code percent} % of the values at or below it
     */
    public static double percentile(List<Double> values, double percent) {
        if (values.isEmpty() || percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile " + percent + " of " + values.size() + " values");
        }
        List<Double> sorted = sorted(values);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
