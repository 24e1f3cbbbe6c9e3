package org.industry4.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The figures of one run, printed as the {@code RESULT} line. */
final class Result {

    private final Map<String, String> values = new LinkedHashMap<>();

    Result put(String key, String value) {
        if (value.contains(" ")) {
            throw new IllegalArgumentException("result value for " + key + " contains a space: \"" + value + "\"");
        }
        values.put(key, value);
        return this;
    }

    Result put(String key, long value) {
        return put(key, Long.toString(value));
    }

    Result put(String key, double value) {
        return put(key, String.format(Locale.ROOT, "%.3f", value));
    }

    Result put(String key, boolean value) {
        return put(key, Boolean.toString(value));
    }

    Map<String, String> values() {
        return Map.copyOf(values);
    }

    String line(String name) {
        StringBuilder sb = new StringBuilder("RESULT ").append(name);
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }
}
