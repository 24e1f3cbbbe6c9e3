package org.industry4.kafka.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.format.RecordFormatException;
import org.junit.jupiter.api.Test;

/** The anomaly stage without Kafka: its state bytes, its output. */
class AnomalyStageTest {

    private static final IsolationForestModel MODEL = Fleet.model(7, 0.01);

    @Test
    void anAssetStateSavedAndOpenedAfterEveryFrameGivesTheOutputOfOneUninterruptedState() throws Exception {
        Fleet data = new Fleet(1, 600, 3);
        AnomalyStage stage = AnomalyStage.isolationForest("alarms", MODEL);
        List<String> uninterrupted = new ArrayList<>();
        List<String> reopened = new ArrayList<>();
        AnomalyStage.State one = stage.open("cnc-000", null);
        AnomalyStage.State many = stage.open("cnc-000", null);
        for (int k = 0; k < data.framesPerAsset; k++) {
            TelemetryFrame f = data.frame(0, k);
            stage.process("cnc-000", f, one, (asset, value) -> uninterrupted.add(new String(value, StandardCharsets.UTF_8)));
            many = stage.open("cnc-000", stage.save(many));
            stage.process("cnc-000", f, many, (asset, value) -> reopened.add(new String(value, StandardCharsets.UTF_8)));
        }
        assertTrue(uninterrupted.size() >= 2, uninterrupted.toString());
        assertEquals(uninterrupted, reopened);
        assertEquals(data.framesPerAsset, stage.open("cnc-000", stage.save(many)).scored());
        assertTrue(Arrays.equals(stage.save(one), stage.save(many)));
    }

    @Test
    void damagedStateBytesAreRefusedNamingTheProblem() throws Exception {
        AnomalyStage stage = AnomalyStage.isolationForest("alarms", MODEL);
        byte[] saved = stage.save(stage.open("a", null));
        RecordFormatException e = assertThrows(RecordFormatException.class,
                () -> stage.open("a", Arrays.copyOf(saved, saved.length - 2)));
        assertEquals("anomaly stage state is truncated", e.getMessage());
        byte[] version = saved.clone();
        version[0] = 9;
        e = assertThrows(RecordFormatException.class, () -> stage.open("a", version));
        assertEquals("anomaly stage state version 9, this code reads 1", e.getMessage());
    }
}
