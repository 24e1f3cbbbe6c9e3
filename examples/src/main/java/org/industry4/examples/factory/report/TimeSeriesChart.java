package org.industry4.examples.factory.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An immutable line chart rendered as inline SVG: line series, translucent bands (an interval around an
 * estimate), horizontal reference lines (a threshold), vertical event markers (a fault, an alarm) and
 * shaded x ranges (an alarm episode), with a legend, 1-2-5 axis ticks and {@code <title>} tooltips.
 *
 * <p>The x axis is either time, from epoch milliseconds or {@link Instant}s, labelled in UTC as
 * {@code HH:mm} or dates depending on the span, or plain numbers; the first x values given decide and
 * the other kind is then rejected. Non-finite y values are gaps: the line breaks there. Series longer
 * than about twice the plot's width in pixels are drawn min/max per pixel column, so spikes stay
 * visible and the SVG stays small (a 100,000-point series draws at most a few thousand points).
 *
 * <p>Shapes are checked when a series is added (same lengths, finite non-decreasing x); a chart with no
 * finite value at all is not an error: it renders a visible "no data" placeholder, so a report still
 * shows which chart had nothing to draw.
 *
 * <pre>{@code
 * TimeSeriesChart chart = TimeSeriesChart.builder("Spindle temperature")
 *         .yAxis("temperature", "°C")
 *         .line("cnc-01", epochMillis, celsius)
 *         .reference(70, "alarm limit 70 °C")
 *         .marker(faultTime, "fault injected", "#d62728")
 *         .build();
 * }</pre>
 */
public final class TimeSeriesChart {

    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20}");
    private static final String FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";
    private static final int WIDTH = 1000;
    private static final int LEFT = 74;
    private static final int RIGHT = 24;
    private static final int BOTTOM = 52;
    private static final double CHAR_WIDTH = 6.6;

    private final String title;
    private final String yLabel;
    private final String xLabel;
    private final boolean timeAxis;
    private final int height;
    private final List<Line> lines;
    private final List<Band> bands;
    private final List<Reference> references;
    private final List<Marker> markers;
    private final List<Shade> shades;

    private TimeSeriesChart(Builder b) {
        this.title = b.title;
        this.yLabel = b.yLabel;
        this.xLabel = b.xLabel != null ? b.xLabel : Boolean.FALSE.equals(b.timeAxis) ? "x" : "time (UTC)";
        this.timeAxis = !Boolean.FALSE.equals(b.timeAxis);
        this.height = b.height;
        this.lines = List.copyOf(b.lines);
        this.bands = List.copyOf(b.bands);
        this.references = List.copyOf(b.references);
        this.markers = List.copyOf(b.markers);
        this.shades = List.copyOf(b.shades);
    }

    /**
     * A builder for a chart called {@code title}.
     *
     * @throws IllegalArgumentException if {@code title} is blank
     */
    public static Builder builder(String title) {
        return new Builder(requireText("title", title));
    }

    /** The chart's title. */
    public String title() {
        return title;
    }

    /** Whether the x axis shows time (epoch milliseconds, labelled in UTC) rather than plain numbers. */
    public boolean timeAxis() {
        return timeAxis;
    }

    /**
     * The chart as one {@code <svg>} element with a {@code viewBox} (it scales to the width it is given),
     * well-formed XML, every text escaped, no script and no external reference.
     */
    public String toSvg() {
        return new Renderer().render();
    }

    @Override
    public String toString() {
        return "TimeSeriesChart[" + title + ", " + lines.size() + " lines, " + bands.size() + " bands]";
    }

    /** Draws one chart; holds the scales of one rendering. */
    private final class Renderer {
        private final StringBuilder svg = new StringBuilder(16_384);
        private double xMin = Double.POSITIVE_INFINITY;
        private double xMax = Double.NEGATIVE_INFINITY;
        private double yMin = Double.POSITIVE_INFINITY;
        private double yMax = Double.NEGATIVE_INFINITY;
        private double top;
        private double bottom;
        private double left = LEFT;
        private double right = WIDTH - RIGHT;
        private AxisTicks.Ticks yTicks;

        String render() {
            svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH)
                    .append(' ').append(height).append("\" role=\"img\" font-family=\"").append(FONT)
                    .append("\" font-size=\"12\">");
            svg.append("<title>").append(Html.escape(title)).append("</title>");
            svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
            svg.append("<text class=\"chart-title\" x=\"").append(LEFT).append("\" y=\"22\" font-size=\"16\""
                    + " font-weight=\"600\" fill=\"#222\">").append(Html.escape(title)).append("</text>");
            findRanges();
            if (!(yMin <= yMax)) {
                noData();
            } else {
                top = legend() + 8;
                bottom = height - BOTTOM;
                yTicks = AxisTicks.nice(yMin, yMax, Math.max(2, (int) ((bottom - top) / 50)));
                shadesAndGrid();
                for (Band band : bands) {
                    drawBand(band);
                }
                for (Line line : lines) {
                    drawLine(line);
                }
                for (Reference reference : references) {
                    drawReference(reference);
                }
                drawMarkers();
                svg.append("<rect x=\"").append(Html.coord(left)).append("\" y=\"").append(Html.coord(top))
                        .append("\" width=\"").append(Html.coord(right - left)).append("\" height=\"")
                        .append(Html.coord(bottom - top)).append("\" fill=\"none\" stroke=\"#888\"/>");
            }
            return svg.append("</svg>").toString();
        }

        private void findRanges() {
            for (Line line : lines) {
                for (int i = 0; i < line.x.length; i++) {
                    if (Double.isFinite(line.y[i])) {
                        include(line.x[i], line.y[i]);
                    }
                }
            }
            for (Band band : bands) {
                for (int i = 0; i < band.x.length; i++) {
                    if (Double.isFinite(band.lower[i]) && Double.isFinite(band.upper[i])) {
                        include(band.x[i], band.lower[i]);
                        include(band.x[i], band.upper[i]);
                    }
                }
            }
            if (!(yMin <= yMax)) {
                return;
            }
            for (Reference reference : references) {
                yMin = Math.min(yMin, reference.value);
                yMax = Math.max(yMax, reference.value);
            }
            for (Marker marker : markers) {
                xMin = Math.min(xMin, marker.x);
                xMax = Math.max(xMax, marker.x);
            }
            for (Shade shade : shades) {
                xMin = Math.min(xMin, shade.from);
                xMax = Math.max(xMax, shade.to);
            }
        }

        private void include(double x, double y) {
            xMin = Math.min(xMin, x);
            xMax = Math.max(xMax, x);
            yMin = Math.min(yMin, y);
            yMax = Math.max(yMax, y);
        }

        private void noData() {
            double y = height / 2.0;
            svg.append("<rect class=\"no-data\" x=\"").append(LEFT).append("\" y=\"40\" width=\"")
                    .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(height - 60)
                    .append("\" fill=\"#f6f6f6\" stroke=\"#bbb\" stroke-dasharray=\"6 4\"/>");
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(Html.coord(y))
                    .append("\" text-anchor=\"middle\" font-size=\"16\" fill=\"#777\">no data</text>");
        }

        /** Draws the legend under the title; returns the y where the plot may start. */
        private double legend() {
            double x = LEFT;
            double y = 44;
            int drawn = 0;
            List<Object> entries = new ArrayList<>(lines);
            entries.addAll(bands);
            for (Object entry : entries) {
                String name = entry instanceof Line l ? l.name : ((Band) entry).name;
                String colour = entry instanceof Line l ? l.colour : ((Band) entry).colour;
                double w = 28 + name.length() * CHAR_WIDTH + 18;
                if (drawn > 0 && x + w > right) {
                    x = LEFT;
                    y += 18;
                }
                svg.append("<g class=\"legend-item\">");
                if (entry instanceof Line) {
                    svg.append("<line x1=\"").append(Html.coord(x)).append("\" y1=\"").append(Html.coord(y - 4))
                            .append("\" x2=\"").append(Html.coord(x + 22)).append("\" y2=\"")
                            .append(Html.coord(y - 4)).append("\" stroke=\"").append(colour)
                            .append("\" stroke-width=\"2.5\"/>");
                } else {
                    svg.append("<rect x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(y - 10))
                            .append("\" width=\"22\" height=\"12\" fill=\"").append(colour)
                            .append("\" fill-opacity=\"0.25\"/>");
                }
                svg.append("<text x=\"").append(Html.coord(x + 28)).append("\" y=\"").append(Html.coord(y))
                        .append("\" fill=\"#333\">").append(Html.escape(name)).append("</text></g>");
                x += w;
                drawn++;
            }
            return drawn == 0 ? 36 : y + 12;
        }

        private void shadesAndGrid() {
            if (xMin == xMax) {
                AxisTicks.Ticks padded = timeAxis ? AxisTicks.time(xMin, xMax, 2) : AxisTicks.nice(xMin, xMax, 2);
                xMin = padded.first();
                xMax = padded.last();
            }
            for (Shade shade : shades) {
                double x0 = px(shade.from);
                double x1 = Math.max(px(shade.to), x0 + 1);
                svg.append("<g class=\"shade\"><title>").append(Html.escape(shade.label)).append(": ")
                        .append(Html.escape(formatX(shade.from))).append(" to ")
                        .append(Html.escape(formatX(shade.to))).append("</title>");
                svg.append("<rect x=\"").append(Html.coord(x0)).append("\" y=\"").append(Html.coord(top))
                        .append("\" width=\"").append(Html.coord(x1 - x0)).append("\" height=\"")
                        .append(Html.coord(bottom - top)).append("\" fill=\"").append(shade.colour)
                        .append("\" fill-opacity=\"0.13\"/>");
                svg.append("<text x=\"").append(Html.coord((x0 + x1) / 2)).append("\" y=\"")
                        .append(Html.coord(bottom - 6)).append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"")
                        .append(shade.colour).append("\">").append(Html.escape(shade.label)).append("</text></g>");
            }
            // y grid and labels
            String[] yLabels = AxisTicks.numberLabels(yTicks);
            for (int i = 0; i < yLabels.length; i++) {
                double y = py(yTicks.values()[i]);
                svg.append("<line x1=\"").append(Html.coord(left)).append("\" y1=\"").append(Html.coord(y))
                        .append("\" x2=\"").append(Html.coord(right)).append("\" y2=\"").append(Html.coord(y))
                        .append("\" stroke=\"#e5e5e5\"/>");
                svg.append("<text x=\"").append(Html.coord(left - 8)).append("\" y=\"").append(Html.coord(y + 4))
                        .append("\" text-anchor=\"end\" fill=\"#555\">").append(yLabels[i]).append("</text>");
            }
            if (!yLabel.isEmpty()) {
                double cy = (top + bottom) / 2;
                svg.append("<text x=\"16\" y=\"").append(Html.coord(cy)).append("\" transform=\"rotate(-90 16 ")
                        .append(Html.coord(cy)).append(")\" text-anchor=\"middle\" fill=\"#333\">")
                        .append(Html.escape(yLabel)).append("</text>");
            }
            // x grid and labels
            int target = Math.max(2, (int) ((right - left) / 120));
            AxisTicks.Ticks xTicks = timeAxis ? AxisTicks.time(xMin, xMax, target) : AxisTicks.nice(xMin, xMax, target);
            String[] xLabels = timeAxis ? AxisTicks.timeLabels(xTicks) : AxisTicks.numberLabels(xTicks);
            for (int i = 0; i < xLabels.length; i++) {
                double v = xTicks.values()[i];
                if (v < xMin || v > xMax) {
                    continue;
                }
                double x = px(v);
                svg.append("<line x1=\"").append(Html.coord(x)).append("\" y1=\"").append(Html.coord(top))
                        .append("\" x2=\"").append(Html.coord(x)).append("\" y2=\"").append(Html.coord(bottom))
                        .append("\" stroke=\"#eee\"/>");
                svg.append("<text x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(bottom + 17))
                        .append("\" text-anchor=\"middle\" fill=\"#555\">").append(xLabels[i]).append("</text>");
            }
            String date = timeAxis ? AxisTicks.commonDate(xTicks) : null;
            String caption = date == null ? xLabel : xLabel + ", " + date;
            svg.append("<text x=\"").append(Html.coord((left + right) / 2)).append("\" y=\"")
                    .append(Html.coord(bottom + 40)).append("\" text-anchor=\"middle\" fill=\"#333\">")
                    .append(Html.escape(caption)).append("</text>");
        }

        private void drawBand(Band band) {
            List<Downsampler.Segment> segments =
                    Downsampler.band(band.x, band.lower, band.upper, xMin, xMax, columns());
            StringBuilder d = new StringBuilder();
            for (Downsampler.Segment s : segments) {
                d.append('M').append(Html.coord(px(s.x()[0]))).append(' ').append(Html.coord(py(s.high()[0])));
                for (int i = 1; i < s.size(); i++) {
                    d.append('L').append(Html.coord(px(s.x()[i]))).append(' ').append(Html.coord(py(s.high()[i])));
                }
                for (int i = s.size() - 1; i >= 0; i--) {
                    d.append('L').append(Html.coord(px(s.x()[i]))).append(' ').append(Html.coord(py(s.low()[i])));
                }
                d.append('Z');
            }
            svg.append("<path class=\"band\" d=\"").append(d).append("\" fill=\"").append(band.colour)
                    .append("\" fill-opacity=\"0.22\" stroke=\"").append(band.colour)
                    .append("\" stroke-opacity=\"0.35\" stroke-width=\"0.5\"><title>")
                    .append(Html.escape(band.name)).append("</title></path>");
        }

        private void drawLine(Line line) {
            List<Downsampler.Segment> segments = Downsampler.line(line.x, line.y, xMin, xMax, columns());
            StringBuilder d = new StringBuilder();
            for (Downsampler.Segment s : segments) {
                String previous = null;
                for (int i = 0; i < s.size(); i++) {
                    String point = Html.coord(px(s.x()[i])) + ' ' + Html.coord(py(s.low()[i]));
                    if (i == 0) {
                        d.append('M').append(point);
                        if (s.size() == 1) {
                            d.append("l0 0"); // a lone point: a round-capped dot
                        }
                    } else if (!point.equals(previous)) {
                        d.append('L').append(point);
                    }
                    previous = point;
                }
            }
            svg.append("<path class=\"series\" d=\"").append(d).append("\" fill=\"none\" stroke=\"")
                    .append(line.colour).append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\""
                            + " stroke-linecap=\"round\"><title>").append(Html.escape(line.name))
                    .append("</title></path>");
        }

        private void drawReference(Reference reference) {
            double y = py(reference.value);
            svg.append("<g class=\"reference\"><title>").append(Html.escape(reference.label)).append("</title>");
            svg.append("<line x1=\"").append(Html.coord(left)).append("\" y1=\"").append(Html.coord(y))
                    .append("\" x2=\"").append(Html.coord(right)).append("\" y2=\"").append(Html.coord(y))
                    .append("\" stroke=\"").append(reference.colour).append("\" stroke-width=\"1.4\""
                            + " stroke-dasharray=\"7 4\"/>");
            svg.append("<text x=\"").append(Html.coord(right - 6)).append("\" y=\"").append(Html.coord(y - 5))
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"").append(reference.colour)
                    .append("\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">")
                    .append(Html.escape(reference.label)).append("</text></g>");
        }

        private void drawMarkers() {
            double lastX = Double.NEGATIVE_INFINITY;
            int row = 0;
            List<Marker> sorted = new ArrayList<>(markers);
            sorted.sort((a, b) -> Double.compare(a.x, b.x));
            for (Marker marker : sorted) {
                double x = px(marker.x);
                // stagger labels of nearby markers over three rows so they do not overprint
                row = x - lastX < 8 + CHAR_WIDTH * 18 ? (row + 1) % 3 : 0;
                lastX = x;
                boolean flip = x + 6 + marker.label.length() * CHAR_WIDTH * 0.92 > right;
                svg.append("<g class=\"marker\"><title>").append(Html.escape(marker.label)).append(" at ")
                        .append(Html.escape(formatX(marker.x))).append("</title>");
                svg.append("<line x1=\"").append(Html.coord(x)).append("\" y1=\"").append(Html.coord(top))
                        .append("\" x2=\"").append(Html.coord(x)).append("\" y2=\"").append(Html.coord(bottom))
                        .append("\" stroke=\"").append(marker.colour)
                        .append("\" stroke-width=\"1.4\" stroke-dasharray=\"3 3\"/>");
                svg.append("<text x=\"").append(Html.coord(flip ? x - 4 : x + 4)).append("\" y=\"")
                        .append(Html.coord(top + 13 + row * 13)).append("\" font-size=\"11\"")
                        .append(flip ? " text-anchor=\"end\"" : "").append(" fill=\"").append(marker.colour)
                        .append("\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">")
                        .append(Html.escape(marker.label)).append("</text></g>");
            }
        }

        private int columns() {
            return (int) (right - left);
        }

        private double px(double x) {
            return left + (x - xMin) / (xMax - xMin) * (right - left);
        }

        private double py(double y) {
            return bottom - (y - yTicks.first()) / (yTicks.last() - yTicks.first()) * (bottom - top);
        }
    }

    private String formatX(double x) {
        if (!timeAxis) {
            return Double.toString(x);
        }
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli((long) x)).replace('T', ' ');
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got " + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }

    private static String colour(String field, String value) {
        if (value == null || !COLOUR.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be #rgb, #rrggbb or a colour name, got "
                    + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }

    private record Line(String name, double[] x, double[] y, String colour) {
    }

    private record Band(String name, double[] x, double[] lower, double[] upper, String colour) {
    }

    private record Reference(double value, String label, String colour) {
    }

    private record Marker(double x, String label, String colour) {
    }

    private record Shade(double from, double to, String label, String colour) {
    }

    /**
     * Collects the parts of a {@link TimeSeriesChart}; arrays are copied when added, so later changes to
     * them do not reach the chart. Not thread-safe; the chart it builds is.
     */
    public static final class Builder {
        private final String title;
        private String yLabel = "";
        private String xLabel;
        private Boolean timeAxis;
        private String timeAxisSetBy;
        private int height = 360;
        private final List<Line> lines = new ArrayList<>();
        private final List<Band> bands = new ArrayList<>();
        private final List<Reference> references = new ArrayList<>();
        private final List<Marker> markers = new ArrayList<>();
        private final List<Shade> shades = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        /**
         * The y axis label, shown as {@code "label [unit]"}; {@code unit} may be null or empty.
         *
         * @throws IllegalArgumentException if {@code label} is null
         */
        public Builder yAxis(String label, String unit) {
            if (label == null) {
                throw new IllegalArgumentException("y axis label must not be null");
            }
            this.yLabel = unit == null || unit.isBlank() ? label : label + " [" + unit + "]";
            return this;
        }

        /** The x axis label; defaults to {@code "time (UTC)"} on a time axis and {@code "x"} otherwise. */
        public Builder xLabel(String label) {
            this.xLabel = requireText("x axis label", label);
            return this;
        }

        /**
         * The chart's height in SVG units against a width of 1000 (default 360).
         *
         * @throws IllegalArgumentException unless {@code 160 <= height <= 2000}
         */
        public Builder height(int height) {
            if (height < 160 || height > 2000) {
                throw new IllegalArgumentException("height must be in [160, 2000], got " + height);
            }
            this.height = height;
            return this;
        }

        /** Adds line {@code name} over time given as epoch milliseconds, in the next palette colour. */
        public Builder line(String name, long[] epochMillis, double[] y) {
            return line(name, epochMillis, y, PALETTE[lines.size() % PALETTE.length]);
        }

        /**
         * Adds line {@code name} over time given as epoch milliseconds, drawn in {@code colour}
         * ({@code #rgb}, {@code #rrggbb} or a colour name). Non-finite y values are gaps.
         *
         * @throws IllegalArgumentException if the lengths differ, times decrease, the colour is invalid or
         *         the chart's x axis is numeric
         */
        public Builder line(String name, long[] epochMillis, double[] y, String colour) {
            return addLine(name, millis(name, epochMillis), y, colour, true);
        }

        /** Adds line {@code name} over {@code times}, in the next palette colour. */
        public Builder line(String name, List<Instant> times, double[] y) {
            return line(name, times, y, PALETTE[lines.size() % PALETTE.length]);
        }

        /**
         * Adds line {@code name} over {@code times}, drawn in {@code colour}.
         *
         * @throws IllegalArgumentException as {@link #line(String, long[], double[], String)}, or if a time is null
         */
        public Builder line(String name, List<Instant> times, double[] y, String colour) {
            return addLine(name, instants(name, times), y, colour, true);
        }

        /** Adds line {@code name} over plain numbers {@code x}, in the next palette colour. */
        public Builder line(String name, double[] x, double[] y) {
            return line(name, x, y, PALETTE[lines.size() % PALETTE.length]);
        }

        /**
         * Adds line {@code name} over plain numbers {@code x}, drawn in {@code colour}.
         *
         * @throws IllegalArgumentException if the lengths differ, an x is not finite or x decreases, the
         *         colour is invalid or the chart's x axis is time
         */
        public Builder line(String name, double[] x, double[] y, String colour) {
            return addLine(name, numbers(name, x), y, colour, false);
        }

        /** Adds band {@code name} (grey) between {@code lower} and {@code upper} over epoch milliseconds. */
        public Builder band(String name, long[] epochMillis, double[] lower, double[] upper) {
            return band(name, epochMillis, lower, upper, "#7f7f7f");
        }

        /**
         * Adds band {@code name}, a translucent fill in {@code colour} between {@code lower} and
         * {@code upper} (an interval around an estimate) over epoch milliseconds; a non-finite edge is a gap.
         *
         * @throws IllegalArgumentException if the lengths differ, times decrease, a lower edge exceeds its
         *         upper edge, the colour is invalid or the chart's x axis is numeric
         */
        public Builder band(String name, long[] epochMillis, double[] lower, double[] upper, String colour) {
            return addBand(name, millis(name, epochMillis), lower, upper, colour, true);
        }

        /** Adds band {@code name} (grey) over {@code times}. */
        public Builder band(String name, List<Instant> times, double[] lower, double[] upper) {
            return band(name, times, lower, upper, "#7f7f7f");
        }

        /** Adds band {@code name} in {@code colour} over {@code times}; checked as the epoch-millisecond form. */
        public Builder band(String name, List<Instant> times, double[] lower, double[] upper, String colour) {
            return addBand(name, instants(name, times), lower, upper, colour, true);
        }

        /** Adds band {@code name} (grey) over plain numbers {@code x}. */
        public Builder band(String name, double[] x, double[] lower, double[] upper) {
            return band(name, x, lower, upper, "#7f7f7f");
        }

        /** Adds band {@code name} in {@code colour} over plain numbers {@code x}; checked as the other forms. */
        public Builder band(String name, double[] x, double[] lower, double[] upper, String colour) {
            return addBand(name, numbers(name, x), lower, upper, colour, false);
        }

        /** Adds a dashed red horizontal line at {@code value} labelled {@code label}, e.g. "threshold 1.0". */
        public Builder reference(double value, String label) {
            return reference(value, label, "#d62728");
        }

        /**
         * Adds a dashed horizontal line at {@code value} in {@code colour}, labelled at its right end.
         *
         * @throws IllegalArgumentException if {@code value} is not finite, the label blank or the colour invalid
         */
        public Builder reference(double value, String label, String colour) {
            String l = requireText("reference label", label);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("reference '" + l + "': value must be finite, got " + value);
            }
            references.add(new Reference(value, l, TimeSeriesChart.colour("reference '" + l + "' colour", colour)));
            return this;
        }

        /** Adds a dark grey vertical event marker at {@code at}. */
        public Builder marker(Instant at, String label) {
            return marker(at, label, "#444");
        }

        /**
         * Adds a vertical event marker at {@code at} in {@code colour}, e.g. "fault injected", "alarm",
         * "setpoint write"; its label is drawn at the top and its time shown as a tooltip.
         *
         * @throws IllegalArgumentException if {@code at} is null, the label blank, the colour invalid or the
         *         chart's x axis is numeric
         */
        public Builder marker(Instant at, String label, String colour) {
            String l = requireText("marker label", label);
            if (at == null) {
                throw new IllegalArgumentException("marker '" + l + "': time must not be null");
            }
            axis("marker '" + l + "'", true);
            markers.add(new Marker(at.toEpochMilli(), l, TimeSeriesChart.colour("marker '" + l + "' colour", colour)));
            return this;
        }

        /** Adds a dark grey vertical event marker at plain number {@code x}. */
        public Builder marker(double x, String label) {
            return marker(x, label, "#444");
        }

        /**
         * Adds a vertical event marker at plain number {@code x} in {@code colour}.
         *
         * @throws IllegalArgumentException if {@code x} is not finite, the label blank, the colour invalid or
         *         the chart's x axis is time
         */
        public Builder marker(double x, String label, String colour) {
            String l = requireText("marker label", label);
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("marker '" + l + "': x must be finite, got " + x);
            }
            axis("marker '" + l + "'", false);
            markers.add(new Marker(x, l, TimeSeriesChart.colour("marker '" + l + "' colour", colour)));
            return this;
        }

        /**
         * Shades the time range {@code [from, to]} in translucent red, labelled at its foot, e.g. an alarm episode.
         *
         * @throws IllegalArgumentException if a bound is null, {@code to} is before {@code from}, the label
         *         is blank or the chart's x axis is numeric
         */
        public Builder shade(Instant from, Instant to, String label) {
            String l = requireText("shaded range label", label);
            if (from == null || to == null) {
                throw new IllegalArgumentException("shaded range '" + l + "': from and to must not be null, got "
                        + from + " and " + to);
            }
            return addShade(from.toEpochMilli(), to.toEpochMilli(), l, true);
        }

        /**
         * Shades the x range {@code [from, to]} on a numeric axis.
         *
         * @throws IllegalArgumentException if a bound is not finite, {@code to < from}, the label is blank or
         *         the chart's x axis is time
         */
        public Builder shade(double from, double to, String label) {
            String l = requireText("shaded range label", label);
            if (!Double.isFinite(from) || !Double.isFinite(to)) {
                throw new IllegalArgumentException("shaded range '" + l + "': bounds must be finite, got "
                        + from + " and " + to);
            }
            return addShade(from, to, l, false);
        }

        /** The chart; the builder may be used further without affecting it. */
        public TimeSeriesChart build() {
            return new TimeSeriesChart(this);
        }

        private Builder addShade(double from, double to, String label, boolean time) {
            if (to < from) {
                throw new IllegalArgumentException("shaded range '" + label + "': to must not be before from, got "
                        + from + " to " + to);
            }
            axis("shaded range '" + label + "'", time);
            shades.add(new Shade(from, to, label, "#d62728"));
            return this;
        }

        private Builder addLine(String name, double[] x, double[] y, String colour, boolean time) {
            String what = "series '" + name + "'";
            double[] ys = sameLength(what, "y", x, y);
            String c = TimeSeriesChart.colour(what + " colour", colour);
            axis(what, time);
            lines.add(new Line(name, x, ys, c));
            return this;
        }

        private Builder addBand(String name, double[] x, double[] lower, double[] upper, String colour,
                boolean time) {
            String what = "band '" + name + "'";
            double[] lo = sameLength(what, "lower", x, lower);
            double[] hi = sameLength(what, "upper", x, upper);
            for (int i = 0; i < lo.length; i++) {
                if (lo[i] > hi[i]) {
                    throw new IllegalArgumentException(what + ": lower[" + i + "] = " + lo[i]
                            + " is above upper[" + i + "] = " + hi[i]);
                }
            }
            String c = TimeSeriesChart.colour(what + " colour", colour);
            axis(what, time);
            bands.add(new Band(name, x, lo, hi, c));
            return this;
        }

        private void axis(String what, boolean time) {
            if (timeAxis == null) {
                timeAxis = time;
                timeAxisSetBy = what;
            } else if (timeAxis != time) {
                throw new IllegalArgumentException(what + " has " + (time ? "time" : "numeric")
                        + " x values but the chart's x axis is " + (timeAxis ? "time" : "numeric")
                        + " (set by " + timeAxisSetBy + ")");
            }
        }

        private static double[] sameLength(String what, String field, double[] x, double[] values) {
            Objects.requireNonNull(values, () -> what + ": " + field + " must not be null");
            if (values.length != x.length) {
                throw new IllegalArgumentException(what + ": x has " + x.length + " values but " + field + " has "
                        + values.length);
            }
            return values.clone();
        }

        private static double[] millis(String name, long[] epochMillis) {
            String what = "series '" + requireText("series name", name) + "'";
            Objects.requireNonNull(epochMillis, () -> what + ": x must not be null");
            double[] x = new double[epochMillis.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = epochMillis[i];
            }
            return nonDecreasing(what, x);
        }

        private static double[] instants(String name, List<Instant> times) {
            String what = "series '" + requireText("series name", name) + "'";
            Objects.requireNonNull(times, () -> what + ": times must not be null");
            double[] x = new double[times.size()];
            for (int i = 0; i < x.length; i++) {
                Instant t = times.get(i);
                if (t == null) {
                    throw new IllegalArgumentException(what + ": time " + i + " is null");
                }
                x[i] = t.toEpochMilli();
            }
            return nonDecreasing(what, x);
        }

        private static double[] numbers(String name, double[] xs) {
            String what = "series '" + requireText("series name", name) + "'";
            Objects.requireNonNull(xs, () -> what + ": x must not be null");
            double[] x = xs.clone();
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new IllegalArgumentException(what + ": x[" + i + "] must be finite, got " + x[i]);
                }
            }
            return nonDecreasing(what, x);
        }

        private static double[] nonDecreasing(String what, double[] x) {
            for (int i = 1; i < x.length; i++) {
                if (x[i] < x[i - 1]) {
                    throw new IllegalArgumentException(what + ": x must be non-decreasing, got x[" + i + "] = "
                            + format(x[i]) + " after x[" + (i - 1) + "] = " + format(x[i - 1]));
                }
            }
            return x;
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
