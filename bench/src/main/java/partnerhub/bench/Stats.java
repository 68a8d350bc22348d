package partnerhub.bench;

import java.util.Collection;

/** Percentiles of a sample, nearest rank: with 20 values, p90 is the 18th smallest. */
final class Stats {

    private Stats() {}

    static double percentile(Collection<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    static double median(Collection<Double> values) {
        return percentile(values, 50);
    }
}
