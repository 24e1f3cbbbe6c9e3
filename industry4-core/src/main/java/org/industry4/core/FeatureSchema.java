package org.industry4.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered names of the columns of a feature vector or frame: position {@code i} of every
 * {@code double[]} that goes with this schema holds the feature {@code names().get(i)}.
 *
 * @param names the feature names; not empty, no duplicates, no blanks
 */
public record FeatureSchema(List<String> names) {

    public FeatureSchema {
        Objects.requireNonNull(names, "names");
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a feature schema needs at least one name, got none");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isBlank()) {
                throw new IllegalArgumentException("feature name at index " + i + " is blank");
            }
            Integer before = seen.putIfAbsent(name, i);
            if (before != null) {
                throw new IllegalArgumentException("feature name \"" + name
                        + "\" appears twice, at index " + before + " and " + i);
            }
        }
    }

    /** A schema of the given names, in that order. */
    public static FeatureSchema of(String... names) {
        return new FeatureSchema(List.of(names));
    }

    /** A schema whose names are the signal ids, in the given order. */
    public static FeatureSchema ofSignals(List<SignalId> signals) {
        return new FeatureSchema(signals.stream().map(SignalId::value).toList());
    }

    /** The number of features. */
    public int size() {
        return names.size();
    }

    /** The position of {@code name}, or -1 if the schema does not have it. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /**
     * Checks that {@code values} fits this schema.
     *
     * @throws IllegalArgumentException naming both counts when it does not
     */
    public void requireSize(double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length != names.size()) {
            throw new IllegalArgumentException(
                    "expected " + names.size() + " features, got " + values.length);
        }
    }
}
