package org.industry4.examples.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.industry4.opcua.client.SecurityMode;
import org.industry4.opcua.sim.FaultKind;
import org.industry4.opcua.store.DuckDbSink;
import org.industry4.opcua.store.SignalSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactoryMonitorTest {

    @TempDir
    Path dir;

    @Test
    void aShortEncryptedRunStoresEverySignalOfEveryMachineAndExportsParquet() throws Exception {
        FactoryMonitor.Options options = new FactoryMonitor.Options(Duration.ofSeconds(4), 2, dir,
                SecurityMode.BASIC256SHA256_SIGN_AND_ENCRYPT, Duration.ofMillis(100), Duration.ofSeconds(1), 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FactoryMonitor.Report report = FactoryMonitor.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        Set<String> signals = report.signals().stream().map(s -> s.signal().value()).collect(Collectors.toSet());
        for (String machine : new String[] {"cnc-01", "cnc-02"}) {
            for (String signal : new String[] {"spindle_speed", "vibration", "bearing_temp", "spindle_temp",
                    "motor_current", "tool_wear", "part_count", "state"}) {
                assertTrue(signals.contains(machine + "/" + signal), machine + "/" + signal + " missing: " + signals);
            }
        }
        assertEquals(report.subscribed(), report.signals().size());
        SignalSummary speed = report.signals().stream()
                .filter(s -> s.signal().value().equals("cnc-01/spindle_speed")).findFirst().orElseThrow();
        assertTrue(speed.count() >= 20, "4 s at 100 ms gives tens of spindle speed values, got " + speed.count());
        assertTrue(speed.min().getAsDouble() <= speed.mean().getAsDouble()
                && speed.mean().getAsDouble() <= speed.max().getAsDouble());

        assertEquals(report.samplesStored(), report.signals().stream().mapToLong(SignalSummary::count).sum());
        assertEquals(report.samplesStored(), report.parquet().sampleRows());
        assertTrue(Files.size(report.parquet().samples()) > 0);
        try (DuckDbSink db = DuckDbSink.open(report.database())) {
            assertEquals(report.samplesStored(), db.sampleCount(), "database and report agree");
        }

        assertEquals(1, report.faults().size());
        assertEquals(FaultKind.BEARING_DEFECT, report.faults().get(0).kind());
        assertEquals("cnc-02", report.faults().get(0).machineId());
        assertEquals(0, report.collector().sinkFailures());

        assertTrue(printed.contains("samples collected"), "progress lines are printed:\n" + printed);
        assertTrue(printed.contains("cnc-02/vibration"), "summary table is printed:\n" + printed);
    }

    @Test
    void optionsAreParsedAndBadOnesNamed() {
        FactoryMonitor.Options o = FactoryMonitor.parse(new String[] {"--duration", "20s", "--machines", "5",
                "--security", "none", "--sampling", "250ms", "--output", "out"});
        assertEquals(Duration.ofSeconds(20), o.duration());
        assertEquals(5, o.machines());
        assertEquals(SecurityMode.NONE, o.security());
        assertEquals(Duration.ofMillis(250), o.samplingInterval());
        assertEquals(Path.of("out"), o.outputDirectory());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FactoryMonitor.parse(new String[] {"--machines", "0"}));
        assertEquals("machines must be in 1..100, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FactoryMonitor.parse(new String[] {"--duration", "soon"}));
        assertTrue(e.getMessage().contains("\"soon\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FactoryMonitor.parse(new String[] {"--colour", "red"}));
        assertFalse(e.getMessage().isEmpty());
    }
}
