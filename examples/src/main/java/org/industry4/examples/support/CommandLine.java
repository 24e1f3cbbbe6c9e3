package org.industry4.examples.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The small command-line parsing the examples share: {@code --key value} pairs, integers, durations. */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * Parses {@code args} with {@code parser}; on an {@link IllegalArgumentException} prints
     * {@code "name: message"} and {@code usage} to standard error and exits with status 2.
     */
    public static <T> T parseOrExit(String[] args, Function<String[], T> parser, String name, String usage) {
        try {
            return parser.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
            throw e; // not reached
        }
    }

    /**
     * The {@code --key value} pairs of {@code args}, in order.
     *
     * @throws IllegalArgumentException if the last key has no value
     */
    public static List<Map.Entry<String, String>> options(String[] args) {
        List<Map.Entry<String, String>> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + key + " needs a value");
            }
            options.add(Map.entry(key, args[++i]));
        }
        return options;
    }

    /** {@code value} as an int; the error names {@code key}. */
    public static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got \"" + value + "\"");
        }
    }

    /** {@code value} as a finite double; the error names {@code key}. */
    public static double number(String key, String value) {
        try {
            double v = Double.parseDouble(value);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a number, got \"" + value + "\"");
    }

    /** {@code value} as a long; the error names {@code key}. */
    public static long longInteger(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got \"" + value + "\"");
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 4h}, a number of seconds, or an ISO-8601 duration such as {@code PT30S}. */
    public static Duration duration(String key, String value) {
        try {
            if (value.startsWith("PT") || value.startsWith("pt")) {
                return Duration.parse(value);
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration like 500ms, 30s, 2m, 4h or PT30S, got \""
                    + value + "\"");
        }
    }
}
