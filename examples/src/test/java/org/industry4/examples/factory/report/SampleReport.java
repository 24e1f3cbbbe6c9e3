package org.industry4.examples.factory.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** A report with every kind of element and demo-like data, shared by the report tests. */
final class SampleReport {

    static final Instant START = Instant.parse("2025-06-02T08:00:00Z");
    static final Instant FAULT = START.plus(Duration.ofMinutes(70));
    static final Instant ALARM = START.plus(Duration.ofMinutes(73));
    static final String ROUTE_MAP = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300">
            <title>AGV tour: cost 412.50, 2 routes</title>
            <rect width="100%" height="100%" fill="white"/>
            <path class="route" id="route-1" d="M150,150 L40,60 L90,30 L150,150 Z" fill="none" stroke="hsl(0,70%,45%)" stroke-width="2"/>
            <path class="route" id="route-2" d="M150,150 L250,80 L260,240 L150,150 Z" fill="none" stroke="hsl(137.5,70%,45%)" stroke-width="2"/>
            <circle class="customer" cx="40" cy="60" r="3" fill="#555"><title>customer 1, demand 4</title></circle>
            <rect class="depot" x="144" y="144" width="12" height="12" fill="black"><title>depot</title></rect>
            </svg>
            """;

    private SampleReport() {
    }

    /** Sections: sensor traces, anomaly, RUL, thermal twin, KPIs, route, heat maps; 4 charts, 1 image, 3 grid images, 1 SVG. */
    static HtmlReport build() {
        int n = 7_200; // 2 h at one sample a second
        long[] t = new long[n];
        double[] temp = new double[n];
        double[] vib = new double[n];
        double[] score = new double[n];
        SplittableRandom random = new SplittableRandom(7);
        long fault = FAULT.toEpochMilli();
        for (int i = 0; i < n; i++) {
            t[i] = START.toEpochMilli() + i * 1_000L;
            boolean faulty = t[i] >= fault;
            temp[i] = 38 + 6 * (1 - Math.exp(-i / 1_500.0)) + (faulty ? (t[i] - fault) / 60_000.0 * 0.8 : 0)
                    + random.nextGaussian() * 0.15;
            vib[i] = 1.2 + 0.1 * Math.sin(i / 40.0) + (faulty ? 0.9 : 0) + random.nextGaussian() * 0.05;
            score[i] = 0.3 + random.nextDouble() * 0.2 + (faulty ? 0.9 + random.nextDouble() * 0.3 : 0);
            if (i >= 3_000 && i < 3_120) { // an OPC UA connection drop: no data
                temp[i] = Double.NaN;
                vib[i] = Double.NaN;
                score[i] = Double.NaN;
            }
        }
        TimeSeriesChart sensors = TimeSeriesChart.builder("Spindle sensors, cnc-01")
                .yAxis("value", "°C, mm/s")
                .line("spindle temperature", t, temp)
                .line("vibration RMS x 30", t, scale(vib, 30))
                .shade(ALARM, START.plus(Duration.ofMinutes(95)), "alarm episode")
                .marker(FAULT, "fault injected", "#d62728")
                .marker(ALARM, "alarm", "#ff7f0e")
                .marker(START.plus(Duration.ofMinutes(96)), "setpoint write", "#2ca02c")
                .build();
        TimeSeriesChart anomaly = TimeSeriesChart.builder("Anomaly score")
                .yAxis("score", null)
                .line("Q statistic / limit", t, score)
                .reference(1.0, "threshold 1.0")
                .marker(ALARM, "alarm", "#ff7f0e")
                .build();
        int m = 60;
        double[] minute = new double[m];
        double[] rul = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        double[] truth = new double[m];
        for (int i = 0; i < m; i++) {
            minute[i] = i;
            truth[i] = 60 - i;
            rul[i] = truth[i] + 3 * Math.sin(i / 5.0);
            lo[i] = rul[i] - 4 - (60 - i) * 0.1;
            hi[i] = rul[i] + 4 + (60 - i) * 0.1;
        }
        TimeSeriesChart rulChart = TimeSeriesChart.builder("Remaining useful life, bearing 3")
                .xLabel("operating time [min]")
                .yAxis("RUL", "min")
                .band("90 % interval", minute, lo, hi, "#1f77b4")
                .line("RUL estimate", minute, rul, "#1f77b4")
                .line("true RUL", minute, truth, "#444")
                .reference(20, "maintenance threshold 20 min")
                .marker(40.0, "maintenance called", "#d62728")
                .build();
        List<Instant> times = new ArrayList<>();
        double[] actual = new double[120];
        double[] twin = new double[120];
        for (int i = 0; i < 120; i++) {
            times.add(START.plus(Duration.ofMinutes(i)));
            twin[i] = 43 * (1 - Math.exp(-i / 25.0));
            actual[i] = twin[i] + random.nextGaussian() * 0.4 + (i > 90 ? 6 : 0);
        }
        TimeSeriesChart thermal = TimeSeriesChart.builder("Thermal growth: machine vs twin")
                .yAxis("growth", "µm")
                .line("measured", times, actual)
                .line("twin prediction", times, twin)
                .reference(45, "tolerance 45 µm")
                .build();
        return HtmlReport.titled("Closed-loop factory demo")
                .subtitle("cnc-01 <shift A> & the AGV fleet")
                .generatedAt(Instant.parse("2025-06-02T10:05:00Z"))
                .paragraph("A simulated two-hour shift: a bearing fault is injected after 70 minutes.")
                .section("Sensor traces")
                .chart(sensors)
                .section("Anomaly scores")
                .chart(anomaly)
                .section("Remaining useful life")
                .chart(rulChart)
                .section("Thermal twin")
                .chart(thermal)
                .section("KPIs")
                .table(List.of("KPI", "value", "target"), List.of(
                        List.of("detection delay", "3.0 min", "< 5 min"),
                        List.of("false alarms", "0", "0"),
                        List.of("RUL RMSE", "1.5 min", "2.0 min"),
                        List.of("interval coverage", "92 %", "90 %"),
                        List.of("parts inspected", "1,234", "1,200"),
                        List.of("scrap", "-0.4 %", "n/a")))
                .section("AGV route")
                .svg(ROUTE_MAP, "AGV tour that brings the spare bearing")
                .section("Defect heat maps")
                .image(heatMap(96, 1), "part 17: scratch")
                .imageGrid(List.of(PngImage.of(heatMap(32, 2), "part 21"), PngImage.of(heatMap(32, 3), "part 34"),
                        PngImage.of(heatMap(32, 4), "part 52")));
    }

    static double[] scale(double[] v, double k) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * k;
        }
        return out;
    }

    /** A size x size heat-map PNG with a blob at a seed-dependent place. */
    static byte[] heatMap(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double cx = size * (0.2 + 0.6 * random.nextDouble());
        double cy = size * (0.2 + 0.6 * random.nextDouble());
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double d = Math.hypot(x - cx, y - cy) / size;
                double v = Math.exp(-d * d * 40) + 0.1 * random.nextDouble();
                int r = (int) (255 * Math.min(1, v * 1.5));
                int g = (int) (255 * Math.min(1, Math.max(0, v * 1.5 - 0.5)));
                int b = (int) (255 * Math.max(0, 0.5 - v));
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
