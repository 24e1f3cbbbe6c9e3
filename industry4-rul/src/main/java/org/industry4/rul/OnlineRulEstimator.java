package org.industry4.rul;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.rul.data.Preprocessor;

/**
 * Follows many assets from a stream of rows or {@link TelemetryFrame}s (for example from the OPC
 * UA collector) and gives each asset's current RUL estimate and interval. Each accepted row is
 * one step of the asset's history (one cycle for C-MAPSS; for live signals, aggregate frames to
 * the step the model was trained on before passing them). Per asset it keeps only the last
 * {@link RulModel#window()} preprocessed rows in a ring buffer; until that many have arrived the
 * window is front-padded with copies of the first row, exactly as {@link RulModel#predict} pads a
 * short history, so the online estimate after the rows of a history equals the batch prediction on it.
 *
 * <p>A frame is matched to the model's columns by name (extra signals are ignored; a missing one
 * is an error). A frame with a {@link Quality#BAD} value in a column the model reads is not added
 * to the history: {@link #accept(String, TelemetryFrame)} returns empty and {@link #skipped} counts it.
 *
 * <p>Thread-safe: different assets are updated concurrently, one asset's rows in arrival order.
 */
public final class OnlineRulEstimator {

    private final RulModel model;
    private final Preprocessor preprocessor;
    private final int window;
    private final int features;
    private final Map<String, AssetState> assets = new ConcurrentHashMap<>();
    private final Map<FeatureSchema, int[]> columnMaps = new ConcurrentHashMap<>();

    /** An estimator over {@code model}, with no asset seen yet. */
    public OnlineRulEstimator(RulModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.preprocessor = model.preprocessor();
        this.window = model.window();
        this.features = preprocessor.outputSchema().size();
    }

    /** The model the estimates come from. */
    public RulModel model() {
        return model;
    }

    /**
     * Adds one row of {@code assetId} in {@link RulModel#inputSchema()} order and returns the
     * estimate after it.
     *
     * @throws IllegalArgumentException on a wrong row length or a non-finite value (named by column)
     */
    public RulEstimate accept(String assetId, double[] row) {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(row, "row");
        AssetState state = assets.computeIfAbsent(assetId, id -> new AssetState(window, features));
        synchronized (state) {
            preprocessor.transform(row, state.scratch); // validates length and values before any change
            state.push(state.scratch);
            state.fill(state.buffer);
            state.latest = model.estimate(state.buffer, 0);
            return state.latest;
        }
    }

    /**
     * Adds the model's columns of {@code frame} as one row of {@code assetId}; empty (and counted
     * by {@link #skipped}) when one of them is {@link Quality#BAD}.
     *
     * @throws IllegalArgumentException if the frame lacks a column the model reads
     */
    public Optional<RulEstimate> accept(String assetId, TelemetryFrame frame) {
        Objects.requireNonNull(frame, "frame");
        int[] columns = columnMaps.computeIfAbsent(frame.schema(), this::columnMap);
        double[] row = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (frame.quality(columns[i]) == Quality.BAD) {
                AssetState state = assets.computeIfAbsent(assetId, id -> new AssetState(window, features));
                synchronized (state) {
                    state.skipped++;
                }
                return Optional.empty();
            }
            row[i] = frame.value(columns[i]);
        }
        return Optional.of(accept(assetId, row));
    }

    /** The last estimate of {@code assetId}; empty before its first row. */
    public Optional<RulEstimate> latest(String assetId) {
        AssetState state = assets.get(assetId);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return Optional.ofNullable(state.latest);
        }
    }

    /** Rows added for {@code assetId} since it was first seen or {@linkplain #reset reset}. */
    public long rows(String assetId) {
        AssetState state = assets.get(assetId);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.count;
        }
    }

    /** Frames of {@code assetId} skipped for a BAD value. */
    public long skipped(String assetId) {
        AssetState state = assets.get(assetId);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.skipped;
        }
    }

    /** Forgets the history of {@code assetId}, e.g. after maintenance restored it. */
    public void reset(String assetId) {
        assets.remove(assetId);
    }

    /** The assets seen, in no particular order. */
    public Set<String> assets() {
        return Set.copyOf(assets.keySet());
    }

    private int[] columnMap(FeatureSchema schema) {
        FeatureSchema input = preprocessor.inputSchema();
        int[] map = new int[input.size()];
        for (int i = 0; i < map.length; i++) {
            String name = input.names().get(i);
            map[i] = schema.indexOf(name);
            if (map[i] < 0) {
                throw new IllegalArgumentException("frame schema " + schema.names() + " lacks column \"" + name
                        + "\" the RUL model reads");
            }
        }
        return map;
    }

    /** One asset's last rows (ring buffer of preprocessed rows) and its window buffer. */
    private static final class AssetState {
        final int length;
        final int features;
        final float[] ring;
        final float[] first;
        final float[] buffer;
        final double[] scratch;
        long count;
        long skipped;
        RulEstimate latest;

        AssetState(int window, int features) {
            this.length = window;
            this.features = features;
            this.ring = new float[window * features];
            this.first = new float[features];
            this.buffer = new float[window * features];
            this.scratch = new double[features];
        }

        void push(double[] row) {
            int slot = (int) (count % length) * features;
            for (int f = 0; f < features; f++) {
                ring[slot + f] = (float) row[f];
            }
            if (count == 0) {
                System.arraycopy(ring, slot, first, 0, features);
            }
            count++;
        }

        /** The last {@code window} rows oldest first, front-padded with the first row. */
        void fill(float[] out) {
            int have = (int) Math.min(count, length);
            int pad = length - have;
            for (int t = 0; t < pad; t++) {
                System.arraycopy(first, 0, out, t * features, features);
            }
            long oldest = count - have;
            for (int k = 0; k < have; k++) {
                int slot = (int) ((oldest + k) % length) * features;
                System.arraycopy(ring, slot, out, (pad + k) * features, features);
            }
        }
    }
}
