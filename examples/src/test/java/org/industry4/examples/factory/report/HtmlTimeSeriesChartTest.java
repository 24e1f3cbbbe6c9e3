package org.industry4.examples.factory.report;

import static org.industry4.examples.factory.report.HtmlReportTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart's SVG (named Html* so the report's test filter runs it). */
class HtmlTimeSeriesChartTest {

    private static final Pattern SERIES_PATH = Pattern.compile("<path class=\"series\" d=\"([^\"]*)\"");
    private static final long T0 = Instant.parse("2025-06-02T08:00:00Z").toEpochMilli();

    @Test
    void nanGapsSplitALineIntoSeparatePathSegments() {
        double[] y = {1, 2, Double.NaN, 3, 4, 5, Double.NaN, Double.NaN, 6, Double.POSITIVE_INFINITY, 7};
        String d = seriesPaths(TimeSeriesChart.builder("gaps").line("s", range(y.length), y).build().toSvg()).get(0);
        assertEquals(4, count(d, "M"), d);
        assertTrue(d.contains("l0 0"), "a lone point is drawn as a dot: " + d);
    }

    @Test
    void aHundredThousandPointSeriesDrawsAFewThousandPointsAndKeepsItsSpikes() {
        int n = 100_000;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(i / 500.0);
        }
        y[54_321] = 25; // a one-sample spike
        y[77_777] = -25;
        String svg = TimeSeriesChart.builder("big").line("s", range(n), y).build().toSvg();
        String d = seriesPaths(svg).get(0);
        int points = count(d, "L") + count(d, "M");
        assertTrue(points <= 2 * 1000 && points > 500, "points drawn: " + points);
        double[] ys = yCoordinates(d);
        double top = Double.MAX_VALUE;
        double bottom = -Double.MAX_VALUE;
        for (double v : ys) {
            top = Math.min(top, v);
            bottom = Math.max(bottom, v);
        }
        // the sine stays within +-1; only the one-sample spikes reach beyond the +-20 ticks
        assertTrue(top < tickY(svg, "20"), "the +25 spike is drawn");
        assertTrue(bottom > tickY(svg, "-20"), "the -25 spike is drawn");
        assertTrue(svg.length() < 100_000, "svg size " + svg.length());
    }

    @Test
    void seriesOfDifferentLengthsAreRejectedNamingTheSeriesAndBothLengths() {
        TimeSeriesChart.Builder b = TimeSeriesChart.builder("c");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.line("spindle temp", new long[] {1, 2, 3}, new double[] {1, 2}));
        assertEquals("series 'spindle temp': x has 3 values but y has 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> b.band("RUL 90 %", new double[] {1, 2}, new double[] {1, 2}, new double[] {3}));
        assertEquals("band 'RUL 90 %': x has 2 values but upper has 1", e.getMessage());
    }

    @Test
    void decreasingXAndOtherBadInputAreRejected() {
        TimeSeriesChart.Builder b = TimeSeriesChart.builder("c");
        assertEquals("series 's': x must be non-decreasing, got x[2] = 1 after x[1] = 5",
                assertThrows(IllegalArgumentException.class,
                        () -> b.line("s", new double[] {0, 5, 1}, new double[3])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.line("s", new double[] {0, Double.NaN}, new double[2]));
        assertEquals("band 'b': lower[0] = 2.0 is above upper[0] = 1.0", assertThrows(IllegalArgumentException.class,
                () -> b.band("b", new double[] {0}, new double[] {2}, new double[] {1})).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> b.line("s", new double[] {0}, new double[] {1}, "red\" onload=\"x"));
        b.line("numbers", new double[] {0, 1}, new double[] {0, 1});
        assertEquals("marker 'alarm' has time x values but the chart's x axis is numeric (set by series 'numbers')",
                assertThrows(IllegalArgumentException.class, () -> b.marker(Instant.EPOCH, "alarm")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.reference(Double.NaN, "threshold"));
    }

    @Test
    void aChartWithoutAFiniteValueShowsANoDataPlaceholder() {
        String svg = TimeSeriesChart.builder("empty").line("s", new long[] {T0, T0 + 1}, new double[] {Double.NaN,
            Double.NaN}).build().toSvg();
        assertTrue(svg.contains(">no data</text>"));
        assertFalse(svg.contains("class=\"series\""));
        assertTrue(TimeSeriesChart.builder("nothing").build().toSvg().contains(">no data</text>"));
    }

    @Test
    void timeTicksReadAsClockTimeForHoursAndAsDatesForWeeks() {
        String hours = TimeSeriesChart.builder("h").line("s", new long[] {T0, T0 + 2 * 3_600_000}, new double[] {1, 2})
                .build().toSvg();
        assertTrue(hours.contains(">08:00</text>") && hours.contains(">09:00</text>") && hours.contains(">10:00</text>"),
                hours);
        assertTrue(hours.contains(">time (UTC), 2025-06-02</text>"));
        String weeks = TimeSeriesChart.builder("w").line("s", new long[] {T0, T0 + 20 * 86_400_000L},
                new double[] {1, 2}).build().toSvg();
        assertTrue(weeks.contains(">2025-06-05</text>"), weeks);
        assertFalse(weeks.contains("08:00"));
    }

    @Test
    void markersShadesAndReferencesCarryTooltipsAndLabels() {
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            times.add(Instant.ofEpochMilli(T0).plus(Duration.ofMinutes(i)));
        }
        String svg = TimeSeriesChart.builder("score <1>")
                .line("Q / limit", times, new double[] {0.2, 0.3, 0.2, 0.4, 1.3, 1.5, 1.4, 0.5, 0.3, 0.2})
                .reference(1.0, "threshold 1.0")
                .marker(times.get(4), "alarm", "#ff7f0e")
                .shade(times.get(4), times.get(6), "alarm episode")
                .build().toSvg();
        assertTrue(svg.contains("<title>alarm at 2025-06-02 08:04:00Z</title>"), svg);
        assertTrue(svg.contains("<title>alarm episode: 2025-06-02 08:04:00Z to 2025-06-02 08:06:00Z</title>"));
        assertTrue(svg.contains(">threshold 1.0</text>"));
        assertTrue(svg.contains("<title>score &lt;1&gt;</title>"));
        assertTrue(svg.contains(">Q / limit</text>"), "legend entry");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 1000 360\""));
    }

    @Test
    void aSinglePointIsDrawnOnAWidenedAxis() {
        String svg = TimeSeriesChart.builder("one").line("s", new long[] {T0}, new double[] {3}).build().toSvg();
        String d = seriesPaths(svg).get(0);
        assertTrue(d.startsWith("M") && d.endsWith("l0 0"), d);
        assertTrue(svg.contains(">07:59:30</text>") && svg.contains(">08:00:30</text>"), "a minute around the point");
    }

    @Test
    void theChartIsImmutable() {
        double[] y = {1, 2, 3};
        TimeSeriesChart.Builder b = TimeSeriesChart.builder("c").line("s", new double[] {0, 1, 2}, y);
        TimeSeriesChart chart = b.build();
        String before = chart.toSvg();
        y[1] = 100;
        b.line("t", new double[] {0, 1}, new double[] {5, 6});
        assertEquals(before, chart.toSvg());
    }

    /** The y pixel of the y-axis tick labelled {@code label}. */
    private static double tickY(String svg, String label) {
        Matcher m = Pattern.compile("<text x=\"[-0-9.]+\" y=\"([-0-9.]+)\" text-anchor=\"end\" fill=\"#555\">"
                + Pattern.quote(label) + "</text>").matcher(svg);
        assertTrue(m.find(), "tick " + label);
        return Double.parseDouble(m.group(1)) - 4;
    }

    private static long[] range(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * 100L;
        }
        return t;
    }

    private static List<String> seriesPaths(String svg) {
        List<String> paths = new ArrayList<>();
        Matcher m = SERIES_PATH.matcher(svg);
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    private static double[] yCoordinates(String d) {
        Matcher m = Pattern.compile("[ML]([-0-9.]+) ([-0-9.]+)").matcher(d);
        List<Double> ys = new ArrayList<>();
        while (m.find()) {
            ys.add(Double.parseDouble(m.group(2)));
        }
        return ys.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
