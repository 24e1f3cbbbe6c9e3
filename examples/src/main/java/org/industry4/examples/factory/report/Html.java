package org.industry4.examples.factory.report;

import java.util.Locale;

/** HTML/XML text helpers shared by the report and its charts. */
final class Html {

    private Html() {
    }

    /**
     * {@code text} with {@code & < > " '} replaced by entities, safe in element content and in quoted
     * attribute values of both HTML and XML (inline SVG); control characters XML forbids are dropped.
     */
    static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? "" : null;
            };
            if (replacement != null && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (replacement != null) {
                    sb.append(replacement);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** {@code v} with one decimal, no exponent, {@code Locale.ROOT}: a coordinate in SVG user units. */
    static String coord(double v) {
        long tenths = Math.round(v * 10);
        long abs = Math.abs(tenths);
        String s = (tenths < 0 ? "-" : "") + abs / 10;
        return abs % 10 == 0 ? s : s + "." + abs % 10;
    }

    /** {@code v} with {@code decimals} decimals, {@code Locale.ROOT}. */
    static String number(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }
}
