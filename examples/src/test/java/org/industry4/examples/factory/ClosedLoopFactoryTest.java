package org.industry4.examples.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.industry4.examples.factory.kpi.MachineKpis;
import org.industry4.examples.factory.mqtt.EmbeddedMqttBroker;
import org.industry4.examples.factory.report.BrowserCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the closed-loop factory for three simulated hours of two machines at 400 times real time, with
 * an MQTT subscriber on the broker, and checks what it returns against the stored history.
 */
class ClosedLoopFactoryTest {

    @TempDir
    static Path dir;
    private static FactoryResult result;
    private static String printed;
    private static final List<String> ALARM_MESSAGES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void runThePlant() throws Exception {
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start()) {
            MqttClient subscriber = new MqttClient(broker.url(), "factory-test-subscriber", new MemoryPersistence());
            MqttConnectOptions connect = new MqttConnectOptions();
            connect.setCleanSession(true);
            subscriber.connect(connect);
            subscriber.subscribe("industry4/test-plant/+/alarm", 1,
                    (topic, message) -> ALARM_MESSAGES.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            ClosedLoopFactory.Options options = new ClosedLoopFactory.Options(2, Duration.ofHours(3), 400,
                    Duration.ofMinutes(20), 42, dir.resolve("out"), Optional.of(broker.url()), "test-plant", 35, 45,
                    Duration.ofSeconds(10), Duration.ofSeconds(5), Optional.empty(), Optional.empty());
            try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                result = ClosedLoopFactory.run(options, out);
            } finally {
                printed = buffer.toString(StandardCharsets.UTF_8);
                System.out.println(printed);
                subscriber.disconnect();
                subscriber.close();
            }
        }
    }

    @Test
    void anInjectedFaultIsDetectedWithItsDelayAndFalseAlarmsStayFew() {
        assertTrue(result.scorecard().faults() >= 2, "faults scored: " + result.scorecard().faults());
        assertTrue(result.scorecard().detected() >= 1, printed);
        assertTrue(result.scorecard().outcomes().stream().anyMatch(o -> o.detected() && o.delay().isPresent()
                && o.delay().get().compareTo(Duration.ofMinutes(10)) <= 0));
        // Operators see at most one false alarm per machine-hour monitored; stage 2 only ever removes alarms.
        assertTrue(result.scorecard().falseAlarmsPerMachineHour() <= 1.0,
                "false alarms per machine-hour " + result.scorecard().falseAlarmsPerMachineHour());
        assertTrue(result.stage1Scorecard().falseAlarmCount() >= result.scorecard().falseAlarmCount());
        assertTrue(result.stage1Scorecard().detected() >= result.scorecard().detected());
        assertTrue(result.operatorAlarms() <= result.alarms());
        assertTrue(result.diagnosed() >= 1, "no alarm was diagnosed");
    }

    @Test
    void theTwinsSetpointWriteReachedTheServerAndCameBackInTheCollectedHistory() throws Exception {
        assertTrue(result.goodWrites() >= 1, printed);
        Set<Double> written = new HashSet<>();
        try (Connection c = readOnly(result.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT value FROM samples WHERE signal LIKE "
                     + "'%/setpoint/feed_override'")) {
            while (rs.next()) {
                written.add(rs.getDouble(1));
            }
        }
        assertTrue(written.size() >= 2, "the feed override setpoint never changed on the server: " + written);
    }

    @Test
    void kpisAreRatiosConsistentWithTheStoredPartCounts() throws Exception {
        MachineKpis plant = result.kpis().plant();
        for (MachineKpis m : result.kpis().machines()) {
            for (double ratio : new double[] {m.availability(), m.performance(), m.quality(), m.oee(), m.fpy()}) {
                assertTrue(ratio >= 0 && ratio <= 1, m.toString());
            }
            assertEquals(m.availability() * m.performance() * m.quality(), m.oee(), 1e-12);
        }
        // The counter's rise over the KPI window [from, to) of plant time, from the last sample before
        // it; the plant may run on past the window's end while the analytics catch up, so samples
        // after it are left out.
        long from = result.kpis().from().toEpochMilli() * 1000;
        long to = result.kpis().to().toEpochMilli() * 1000;
        long stored = 0;
        try (Connection c = readOnly(result.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT signal,"
                     + " max(value) FILTER (WHERE epoch_us(source_time) < " + to + "),"
                     + " arg_max(value, source_time) FILTER (WHERE epoch_us(source_time) < " + from + "),"
                     + " min(value) FILTER (WHERE epoch_us(source_time) >= " + from + ")"
                     + " FROM samples WHERE signal LIKE '%/part_count' AND quality <> 'BAD' AND value IS NOT NULL"
                     + " GROUP BY signal")) {
            while (rs.next()) {
                double last = rs.getDouble(2);
                double base = rs.getDouble(3);
                if (rs.wasNull()) { // no sample before the window: count from its first
                    base = rs.getDouble(4);
                }
                stored += Math.round(last - base);
            }
        }
        // Parts counted in the window are the counter's rise in it, give or take a part at each end per machine.
        assertTrue(Math.abs(plant.partsTotal() - stored) <= 2L * result.kpis().machines().size(),
                "KPI parts " + plant.partsTotal() + ", stored counter rise in the window " + stored);
        assertEquals(result.parts(), plant.partsTotal(), 2L * result.kpis().machines().size());
        assertTrue(plant.partsTotal() > 100, "parts " + plant.partsTotal());
    }

    @Test
    void anMqttSubscriberReceivedTheAlarms() {
        assertTrue(ALARM_MESSAGES.stream().anyMatch(m -> m.contains("\"event\":\"alarm_started\"")),
                "alarm messages: " + ALARM_MESSAGES);
        assertTrue(result.mqttPublished() > result.parts(), "published " + result.mqttPublished());
    }

    @Test
    void theHtmlReportIsWrittenAndRendersInAHeadlessBrowserWhereOneIsInstalled() throws Exception {
        String html = Files.readString(result.report());
        for (String section : List.of("KPIs", "Detection scorecard", "cnc-01", "cnc-02", "Closed loop", "Maintenance",
                "Quality inspection")) {
            assertTrue(html.contains(section), "report lacks " + section);
        }
        assertTrue(html.split("<svg", -1).length - 1 >= 8, "too few charts");
        assertTrue(Files.isRegularFile(result.parquet().resolve("samples.parquet")) || Files.list(result.parquet())
                .findAny().isPresent());
        if (BrowserCheck.chromium().isEmpty()) {
            System.out.println("skipping the browser check of the factory report: no Chromium at /usr/bin/chromium");
            return;
        }
        Path png = BrowserCheck.screenshot(result.report(), dir.resolve("report.png"), Duration.ofSeconds(60));
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the screenshot is nearly blank: " + colours.size() + " colours");
    }

    @Test
    void badOptionsAreRejectedNamingTheValue() {
        ClosedLoopFactory.Options d = new ClosedLoopFactory.Options();
        assertEquals("machines must be in 1..12, got 0", assertThrows(IllegalArgumentException.class,
                () -> new ClosedLoopFactory.Options(0, d.duration(), d.speedUp(), d.warmUp(), 1, d.output(),
                        d.mqttUrl(), d.plantId(), 40, 45, d.rulTrainingBudget(), d.progressEvery(), d.endpoint(),
                        d.backbone()))
                .getMessage());
        assertEquals("endpoint must be an opc.tcp:// URL, got \"http://plc\"", assertThrows(
                IllegalArgumentException.class, () -> ClosedLoopFactory.parse(new String[] {"--endpoint", "http://plc"}))
                .getMessage());
        assertEquals("speedUp must be in 1..2000, got 0.5", assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopFactory.parse(new String[] {"--speed-up", "0.5"})).getMessage());
        assertEquals("unknown option \"--fast\"", assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopFactory.parse(new String[] {"--fast", "1"})).getMessage());
        assertEquals("--backbone and --outputs go together (the ONNX model and the names of its feature outputs), got"
                + " only --backbone", assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopFactory.parse(new String[] {"--backbone", "m.onnx"})).getMessage());
        assertEquals(List.of("a", "b"), ClosedLoopFactory.parse(new String[] {"--backbone", "m.onnx", "--outputs", "a,b"})
                .backbone().orElseThrow().outputs());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopFactory.parse(new String[] {"--hours", "3", "--warm-up", "2h"})).getMessage()
                .startsWith("warmUp must be in 10 min .. duration / 3"));
    }

    private static Connection readOnly(Path database) throws Exception {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), p);
    }
}
