package org.industry4.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.Scorer;
import org.industry4.core.TelemetryFrame;

/**
 * Scores {@link TelemetryFrame}s (from the {@link org.industry4.core.FrameAligner}) with any
 * {@link Scorer} of this module, one at a time or in batch.
 *
 * <p>The model's features are looked up by name in the frame's schema, so a frame may carry more
 * signals than the model needs, in any order. A frame in which a needed signal is BAD (missing,
 * stale, failed sensor) is not scored: its {@link FrameScore} is empty and says which signal, so a
 * gap is never scored as if it were data. A needed UNCERTAIN signal is scored and marked UNCERTAIN.
 *
 * <p>Thread-safe when the scorer is (all scorers of this module are); the column mapping of the
 * last frame schema seen is cached.
 */
public final class FrameScorer {

    private final Scorer scorer;
    private final FeatureSchema modelSchema;
    private volatile Mapping mapping;

    private record Mapping(FeatureSchema frameSchema, int[] columns) {
    }

    /** A frame scorer over {@code scorer}. */
    public FrameScorer(Scorer scorer) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.modelSchema = scorer.schema();
    }

    /** The scorer frames are scored with. */
    public Scorer scorer() {
        return scorer;
    }

    /**
     * Scores one frame.
     *
     * @throws IllegalArgumentException if the frame lacks a feature the model needs (naming it)
     */
    public FrameScore score(TelemetryFrame frame) {
        Objects.requireNonNull(frame, "frame");
        int[] columns = columnsFor(frame.schema());
        double[] x = new double[columns.length];
        Quality quality = Quality.GOOD;
        String reason = "";
        for (int i = 0; i < columns.length; i++) {
            Quality q = frame.quality(columns[i]);
            if (q == Quality.BAD) {
                return new FrameScore(frame.time(), OptionalDouble.empty(), Quality.BAD,
                        "signal " + modelSchema.names().get(i) + " is BAD (missing, stale or failed) at " + frame.time());
            }
            if (q == Quality.UNCERTAIN && quality == Quality.GOOD) {
                quality = Quality.UNCERTAIN;
                reason = "signal " + modelSchema.names().get(i) + " is UNCERTAIN";
            }
            x[i] = frame.value(columns[i]);
        }
        return new FrameScore(frame.time(), OptionalDouble.of(scorer.score(x)), quality, reason);
    }

    /** Scores frames in order. */
    public List<FrameScore> scoreAll(List<TelemetryFrame> frames) {
        List<FrameScore> out = new ArrayList<>(frames.size());
        for (TelemetryFrame f : frames) {
            out.add(score(f));
        }
        return out;
    }

    private int[] columnsFor(FeatureSchema frameSchema) {
        Mapping m = mapping;
        if (m != null && m.frameSchema().equals(frameSchema)) {
            return m.columns();
        }
        int[] columns = new int[modelSchema.size()];
        for (int i = 0; i < columns.length; i++) {
            String name = modelSchema.names().get(i);
            int c = frameSchema.indexOf(name);
            if (c < 0) {
                throw new IllegalArgumentException("frame has no signal " + name + " that the model needs; frame signals: "
                        + frameSchema.names());
            }
            columns[i] = c;
        }
        mapping = new Mapping(frameSchema, columns);
        return columns;
    }
}
