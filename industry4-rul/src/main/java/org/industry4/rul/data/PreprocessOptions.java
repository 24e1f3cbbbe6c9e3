package org.industry4.rul.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Preprocessor} is fitted.
 *
 * <p>Setting columns (operating settings) are never model inputs. With {@code conditions > 1} they
 * are clustered with k-means (k-means++ start, seeded, on z-scored settings) into operating
 * conditions, and every other column is scaled with the statistics of its row's condition (the
 * per-operating-condition normalisation used for C-MAPSS FD002 and FD004); with one condition there
 * is one set of statistics. A non-setting column with fewer than {@code minDistinctValues} distinct
 * values over the whole training data is dropped.
 *
 * @param scaling           how kept columns are scaled
 * @param minDistinctValues a column needs at least this many distinct training values to be kept, {@code >= 1}
 * @param settingColumns    the operating-setting columns, no duplicates; may be empty (then {@code conditions} must be 1)
 * @param conditions        number of operating conditions, {@code >= 1}
 * @param seed              seeds the k-means clustering
 */
public record PreprocessOptions(Scaling scaling, int minDistinctValues, List<String> settingColumns, int conditions,
                                long seed) {

    /** How a kept column is scaled, with the statistics of the training rows of one condition. */
    public enum Scaling {
        /** Training minimum to -1, maximum to +1 (linearly); a constant column maps to 0. */
        MIN_MAX,
        /** Training mean to 0, population standard deviation to 1; a constant column maps to 0. */
        Z_SCORE
    }

    /** Validates and copies {@code settingColumns}. */
    public PreprocessOptions {
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(settingColumns, "settingColumns");
        if (minDistinctValues < 1) {
            throw new IllegalArgumentException("minDistinctValues must be >= 1, got " + minDistinctValues);
        }
        if (conditions < 1) {
            throw new IllegalArgumentException("conditions must be >= 1, got " + conditions);
        }
        settingColumns = List.copyOf(settingColumns); // refuses null elements
        if (new HashSet<>(settingColumns).size() != settingColumns.size()) {
            throw new IllegalArgumentException("settingColumns has duplicates: " + settingColumns);
        }
    }

    /** Min-max scaling, columns with fewer than 3 distinct values dropped, C-MAPSS settings, one condition, seed 42. */
    public PreprocessOptions() {
        this(Scaling.MIN_MAX, 3, CmapssReader.SETTINGS, 1, 42L);
    }

    /** These options with another number of operating conditions. */
    public PreprocessOptions withConditions(int conditions) {
        return new PreprocessOptions(scaling, minDistinctValues, settingColumns, conditions, seed);
    }

    /** These options with another scaling. */
    public PreprocessOptions withScaling(Scaling scaling) {
        return new PreprocessOptions(scaling, minDistinctValues, settingColumns, conditions, seed);
    }

    /** These options with another distinct-value threshold. */
    public PreprocessOptions withMinDistinctValues(int minDistinctValues) {
        return new PreprocessOptions(scaling, minDistinctValues, settingColumns, conditions, seed);
    }

    /** These options with other setting columns. */
    public PreprocessOptions withSettingColumns(List<String> settingColumns) {
        return new PreprocessOptions(scaling, minDistinctValues, settingColumns, conditions, seed);
    }

    /** These options with another clustering seed. */
    public PreprocessOptions withSeed(long seed) {
        return new PreprocessOptions(scaling, minDistinctValues, settingColumns, conditions, seed);
    }
}
