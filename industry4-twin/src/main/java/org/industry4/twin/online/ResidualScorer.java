package org.industry4.twin.online;

import java.util.List;
import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Scorer;

/**
 * Scores a vector of residuals (one per {@link TwinFollower#residualNames()}) as a core
 * {@link Scorer}: the largest normalised residual,
 * {@code score = max_i |r_i - mean_i| / std_i}.
 *
 * <p>{@link #fit} estimates {@code mean_i} and {@code std_i} from residuals of normal operation,
 * so a score is in "standard deviations of normal residual" (about 3 to 4 is rarely exceeded in
 * normal operation for Gaussian noise; pick the threshold from held-out normal data).
 * {@link #unnormalised} uses mean 0 and std 1: the score is the largest {@code |r_i|} in the
 * residuals' own units. Immutable and thread-safe.
 */
public final class ResidualScorer implements Scorer {

    private final FeatureSchema schema;
    private final double[] mean;
    private final double[] std;

    private ResidualScorer(FeatureSchema schema, double[] mean, double[] std) {
        this.schema = schema;
        this.mean = mean;
        this.std = std;
    }

    /** A scorer whose score is the largest absolute residual, in the residuals' units. */
    public static ResidualScorer unnormalised(List<String> names) {
        FeatureSchema s = new FeatureSchema(names);
        double[] one = new double[s.size()];
        java.util.Arrays.fill(one, 1.0);
        return new ResidualScorer(s, new double[s.size()], one);
    }

    /**
     * A scorer normalised by the mean and standard deviation of each residual over {@code rows}
     * (residual vectors of normal operation, in the order of {@code names}).
     *
     * @throws IllegalArgumentException with fewer than 2 rows, a wrong-length or non-finite row,
     *                                  or a residual of zero spread (naming it)
     */
    public static ResidualScorer fit(List<String> names, double[][] rows) {
        FeatureSchema s = new FeatureSchema(names);
        Objects.requireNonNull(rows, "rows");
        if (rows.length < 2) {
            throw new IllegalArgumentException("need at least 2 residual rows to fit, got " + rows.length);
        }
        int n = s.size();
        double[] mean = new double[n];
        for (double[] r : rows) {
            Scorer.requireFinite(s, r);
            for (int i = 0; i < n; i++) {
                mean[i] += r[i] / rows.length;
            }
        }
        double[] std = new double[n];
        for (double[] r : rows) {
            for (int i = 0; i < n; i++) {
                std[i] += (r[i] - mean[i]) * (r[i] - mean[i]) / (rows.length - 1);
            }
        }
        for (int i = 0; i < n; i++) {
            std[i] = Math.sqrt(std[i]);
            if (!(std[i] > 0)) {
                throw new IllegalArgumentException("residual " + names.get(i) + " has zero spread over " + rows.length
                        + " rows; cannot normalise it");
            }
        }
        return new ResidualScorer(s, mean, std);
    }

    /** {@link #fit(List, double[][])} from the residual lists a {@link TwinFollower} returned (empty lists ignored). */
    public static ResidualScorer fit(List<String> names, List<List<Residual>> frames) {
        return fit(names, frames.stream().filter(f -> !f.isEmpty()).map(f -> vector(names, f)).toArray(double[][]::new));
    }

    /** The residual values of {@code residuals} in the order of {@code names}. */
    public static double[] vector(List<String> names, List<Residual> residuals) {
        double[] v = new double[names.size()];
        boolean[] seen = new boolean[names.size()];
        for (Residual r : residuals) {
            int i = names.indexOf(r.name());
            if (i < 0) {
                throw new IllegalArgumentException("residual \"" + r.name() + "\" is not one of " + names);
            }
            v[i] = r.value();
            seen[i] = true;
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("no residual for " + names.get(i) + " among " + residuals.size());
            }
        }
        return v;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    /** The fitted mean of each residual (0 when unnormalised). */
    public double[] mean() {
        return mean.clone();
    }

    /** The fitted standard deviation of each residual (1 when unnormalised). */
    public double[] std() {
        return std.clone();
    }

    @Override
    public double score(double[] x) {
        Scorer.requireFinite(schema, x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - mean[i]) / std[i]);
        }
        return worst;
    }

    /** The score of a follower's residual list. */
    public double score(List<Residual> residuals) {
        return score(vector(schema.names(), residuals));
    }
}
