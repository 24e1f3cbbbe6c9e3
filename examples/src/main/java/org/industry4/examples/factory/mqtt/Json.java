package org.industry4.examples.factory.mqtt;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A tiny writer of one JSON object (RFC 8259), enough for the demo's MQTT payloads without a JSON
 * library: keys keep the order they were put in, values are written as they are put.
 *
 * <pre>{@code
 * String payload = Json.object()
 *         .put("machine", "cnc-01")
 *         .put("time", Instant.now())
 *         .put("score", 3.2)
 *         .put("ok", true)
 *         .putNull("fault_class")
 *         .put("top", Json.object().put("signal", "vibration_rms").put("share", 0.61))
 *         .toString();
 * }</pre>
 *
 * <p>Strings (keys too) are escaped per RFC 8259: {@code "} and {@code \} with a backslash,
 * backspace, form feed, newline, carriage return and tab as {@code \b \f \n \r \t}, every other
 * control character below U+0020 as a backslash, {@code u} and four hex digits; U+2028, U+2029 and
 * unpaired surrogates are written in that escaped form too, so the text is valid UTF-8 and safe to embed in
 * JavaScript. Numbers: a finite double that is a whole number below 2<sup>53</sup> in magnitude is
 * written without a fraction ({@code 3}, not {@code 3.0}); other doubles in Java's shortest
 * round-trip form ({@code 3.2}, {@code 1.0E-7}), which is valid JSON. NaN and infinities are refused:
 * JSON has no such numbers. {@link Instant}s are ISO-8601 strings ({@code "2024-05-01T10:15:30.250Z"}).
 * Nothing depends on the default locale.
 *
 * <p>A nested object or array is copied as it is when put; changing it later does not change this
 * one. Not thread-safe: build on one thread, then share the string.
 */
public final class Json {

    /** Whole doubles up to this magnitude are exact longs and print without ".0". */
    private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992d; // 2^53

    private final StringBuilder body = new StringBuilder(64);
    private final Set<String> keys = new HashSet<>();

    private Json() {
    }

    /** A new, empty JSON object. */
    public static Json object() {
        return new Json();
    }

    /** Puts a string value. */
    public Json put(String key, String value) {
        requireValue(key, value);
        quote(key(key), value);
        return this;
    }

    /**
     * Puts a number.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (naming the key)
     */
    public Json put(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "JSON has no " + value + ": value of \"" + key + "\" must be finite");
        }
        key(key).append(number(value));
        return this;
    }

    /** Puts an integer. */
    public Json put(String key, long value) {
        key(key).append(value);
        return this;
    }

    /** Puts {@code true} or {@code false}. */
    public Json put(String key, boolean value) {
        key(key).append(value);
        return this;
    }

    /** Puts an instant as an ISO-8601 string in UTC, e.g. {@code "2024-05-01T10:15:30.250Z"}. */
    public Json put(String key, Instant value) {
        requireValue(key, value);
        quote(key(key), value.toString());
        return this;
    }

    /** Puts a nested object, copied as it is now. */
    public Json put(String key, Json value) {
        requireValue(key, value);
        key(key).append(value);
        return this;
    }

    /** Puts an array of numbers. @throws IllegalArgumentException if one is NaN or infinite */
    public Json put(String key, double[] values) {
        requireValue(key, values);
        StringBuilder out = new StringBuilder(values.length * 8 + 2).append('[');
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("JSON has no " + values[i] + ": element " + i
                        + " of \"" + key + "\" must be finite");
            }
            out.append(i == 0 ? "" : ",").append(number(values[i]));
        }
        key(key).append(out).append(']');
        return this;
    }

    /** Puts an array of integers. */
    public Json put(String key, long[] values) {
        requireValue(key, values);
        StringBuilder out = key(key).append('[');
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(values[i]);
        }
        out.append(']');
        return this;
    }

    /** Puts an array of integers. */
    public Json put(String key, int[] values) {
        requireValue(key, values);
        return put(key, java.util.Arrays.stream(values).asLongStream().toArray());
    }

    /** Puts an array of strings, in iteration order. @throws IllegalArgumentException if one is null */
    public Json putStrings(String key, Collection<String> values) {
        requireValue(key, values);
        StringBuilder out = new StringBuilder().append('[');
        int i = 0;
        for (String value : values) {
            if (value == null) {
                throw new IllegalArgumentException("element " + i + " of \"" + key + "\" is null");
            }
            quote(out.append(i++ == 0 ? "" : ","), value);
        }
        key(key).append(out).append(']');
        return this;
    }

    /** Puts an array of objects, each copied as it is now. @throws IllegalArgumentException if one is null */
    public Json putObjects(String key, Collection<Json> values) {
        requireValue(key, values);
        StringBuilder out = new StringBuilder().append('[');
        int i = 0;
        for (Json value : values) {
            if (value == null) {
                throw new IllegalArgumentException("element " + i + " of \"" + key + "\" is null");
            }
            out.append(i++ == 0 ? "" : ",").append(value);
        }
        key(key).append(out).append(']');
        return this;
    }

    /** Puts JSON {@code null}: the field is known to have no value (an alarm with no fault class yet). */
    public Json putNull(String key) {
        key(key).append("null");
        return this;
    }

    /** The object as compact JSON text, e.g. {@code {"machine":"cnc-01","score":3.2}}. */
    @Override
    public String toString() {
        return "{" + body + "}";
    }

    /** Appends the separator and the quoted key; refuses a null or repeated key. */
    private StringBuilder key(String key) {
        if (key == null) {
            throw new IllegalArgumentException("JSON key is null");
        }
        if (!keys.add(key)) {
            throw new IllegalArgumentException("duplicate JSON key \"" + key + "\"");
        }
        if (body.length() > 0) {
            body.append(',');
        }
        quote(body, key);
        return body.append(':');
    }

    private static void requireValue(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "value of \"" + key + "\" is null; use putNull(\"" + key + "\") for JSON null");
        }
    }

    /** A finite double as a JSON number: whole numbers without a fraction. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < MAX_EXACT_INTEGER) {
            return Long.toString((long) value); // also turns -0.0 into 0
        }
        return Double.toString(value); // locale-independent; "1.0E-7" is a valid JSON number
    }

    /** Appends {@code s} as a JSON string literal. */
    static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpairedSurrogate(s, i)) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static boolean unpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        final String hex = "0123456789abcdef";
        out.append("\\u")
                .append(hex.charAt((c >> 12) & 0xf))
                .append(hex.charAt((c >> 8) & 0xf))
                .append(hex.charAt((c >> 4) & 0xf))
                .append(hex.charAt(c & 0xf));
    }
}
