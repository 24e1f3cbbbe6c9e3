package org.industry4.examples.factory.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an existing SVG document for inline embedding: strips the XML prolog, DOCTYPE and leading
 * comments, and rejects anything active or external, since the page must run no script and load nothing.
 */
final class SvgFragment {

    private static final Pattern PROLOG = Pattern.compile("\\A\\s*(<\\?xml[^>]*\\?>\\s*)?");
    private static final Pattern DOCTYPE = Pattern.compile("\\A<!DOCTYPE(\\s[^\\[>]*)?(\\[.*?\\])?\\s*>\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("\\A<!--.*?-->\\s*", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[a-zA-Z][^>]*>");
    private static final Pattern EVENT = Pattern.compile("[\\s\"'/]on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern HREF = Pattern.compile("(?:xlink:)?href\\s*=\\s*([\"'])\\s*(.*?)\\1",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern URL = Pattern.compile("url\\(\\s*['\"]?\\s*(?!#|data:image/)([^)]*)\\)",
            Pattern.CASE_INSENSITIVE);

    private SvgFragment() {
    }

    /**
     * {@code markup} without its XML prolog, DOCTYPE and leading comments, starting at {@code <svg}.
     *
     * @throws IllegalArgumentException if it is not an SVG document, contains {@code <script}, an
     *         {@code on...=} event attribute, a {@code <foreignObject>}, or a link or {@code url(...)} that is
     *         neither a {@code #fragment} nor a {@code data:image/} URI (the message says which)
     */
    static String sanitize(String markup) {
        if (markup == null) {
            throw new IllegalArgumentException("svg markup must not be null");
        }
        String s = PROLOG.matcher(markup).replaceFirst("");
        boolean changed = true;
        while (changed) {
            String before = s;
            s = DOCTYPE.matcher(s).replaceFirst("");
            s = COMMENT.matcher(s).replaceFirst("");
            changed = !s.equals(before);
        }
        s = s.strip();
        if (!s.regionMatches(true, 0, "<svg", 0, 4) || !s.toLowerCase(Locale.ROOT).endsWith("</svg>")) {
            throw new IllegalArgumentException("svg markup must be one <svg> element, got \"" + preview(s) + "\"");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.contains("<script")) {
            throw new IllegalArgumentException("svg markup must not contain <script>");
        }
        if (lower.contains("<foreignobject")) {
            throw new IllegalArgumentException("svg markup must not contain <foreignObject> (it can hold any HTML)");
        }
        Matcher url = URL.matcher(s);
        if (url.find()) {
            throw new IllegalArgumentException("svg markup must not load anything, got \"" + preview(url.group()) + "\"");
        }
        Matcher tags = TAG.matcher(s);
        while (tags.find()) {
            String tag = tags.group();
            Matcher event = EVENT.matcher(tag);
            if (event.find()) {
                throw new IllegalArgumentException("svg markup must not contain event attributes, got "
                        + event.group().substring(1).trim() + " in \"" + preview(tag) + "\"");
            }
            Matcher href = HREF.matcher(tag);
            while (href.find()) {
                String target = href.group(2);
                if (!target.startsWith("#") && !target.regionMatches(true, 0, "data:image/", 0, 11)) {
                    throw new IllegalArgumentException("svg markup must not link outside the page, got href \""
                            + preview(target) + "\"");
                }
            }
        }
        return s;
    }

    private static String preview(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
