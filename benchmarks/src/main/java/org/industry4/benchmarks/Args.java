package org.industry4.benchmarks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --key value} options; every option must be read, so a typo is an error, not a default. */
final class Args {

    private final Map<String, String> values;
    private final Set<String> used = new HashSet<>();

    private Args(Map<String, String> values) {
        this.values = values;
    }

    static Args parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("expected an option like --name, got \"" + a + "\"");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            if (values.put(key, value) != null) {
                throw new IllegalArgumentException("option --" + key + " given twice");
            }
        }
        return new Args(values);
    }

    String string(String key, String fallback) {
        used.add(key);
        return values.getOrDefault(key, fallback);
    }

    boolean has(String key) {
        used.add(key);
        return values.containsKey(key);
    }

    long longValue(String key, long fallback, long min, long max) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be an integer, got \"" + v + "\"");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("--" + key + " must be in " + min + ".." + max + ", got " + parsed);
        }
        return parsed;
    }

    int intValue(String key, int fallback, int min, int max) {
        return (int) longValue(key, fallback, min, max);
    }

    double doubleValue(String key, double fallback, double min, double max) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, got \"" + v + "\"");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new IllegalArgumentException("--" + key + " must be in " + min + ".." + max + ", got " + v);
        }
        return parsed;
    }

    /** Throws if an option was given that no one read. */
    void requireAllUsed() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", unknown));
        }
    }
}
