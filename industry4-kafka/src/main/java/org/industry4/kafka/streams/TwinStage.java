package org.industry4.kafka.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.format.RecordFormatException;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.industry4.twin.online.FollowerOptions;
import org.industry4.twin.online.Residual;
import org.industry4.twin.online.ResidualScorer;
import org.industry4.twin.online.TwinFollower;
import org.industry4.twin.online.TwinMapping;

/**
 * A digital twin following every asset: each asset's {@link TwinFollower} (state estimate, last
 * inputs, counts) lives in the state store; every frame after the first gives the residuals
 * between measured and predicted values, and, with a {@link ResidualScorer}, one score, written
 * as JSON keyed by asset:
 *
 * <pre>{@code
 * {"asset":"cnc-07","time":"2026-11-24T08:05:00Z","residuals":{"temperature":0.042,"growth":-0.31},"score":1.7}
 * }</pre>
 *
 * A residual that grows is an anomaly signal: feed the score to an {@link AnomalyStage}-style
 * alarm, or read the topic. The twin and its mapping are fixed for the stage (every asset runs
 * the same model with the same signal names in its frames). Needs {@code industry4-twin} on the
 * class path (an optional dependency of this module). Thread-safe.
 */
public final class TwinStage implements AssetStage<TwinFollower> {

    private static final int STATE_VERSION = 1;

    private final String name;
    private final String outputTopic;
    private final StateSpaceModel model;
    private final TwinMapping mapping;
    private final double[] x0;
    private final FollowerOptions options;
    private final ResidualScorer scorer;

    private TwinStage(String name, String outputTopic, StateSpaceModel model, TwinMapping mapping, double[] x0,
                      FollowerOptions options, ResidualScorer scorer) {
        this.name = FleetTopology.requireStageName(name);
        this.outputTopic = Objects.requireNonNull(outputTopic, "outputTopic");
        this.model = Objects.requireNonNull(model, "model");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.options = Objects.requireNonNull(options, "options");
        this.x0 = Objects.requireNonNull(x0, "x0").clone();
        this.scorer = scorer;
        TwinFollower probe = new TwinFollower(model, mapping, x0, options); // validates the mapping and x0
        if (scorer != null && !scorer.schema().names().equals(probe.residualNames())) {
            throw new IllegalArgumentException("the residual scorer reads " + scorer.schema().names()
                    + " but the follower gives residuals " + probe.residualNames());
        }
    }

    /**
     * A stage named {@code name} following {@code model}.
     *
     * @param x0     the initial state estimate of a new asset (measured states are set from its first frame)
     * @param scorer scores each frame's residuals; null for residuals only
     */
    public static TwinStage of(String name, String outputTopic, StateSpaceModel model, TwinMapping mapping,
                               double[] x0, FollowerOptions options, ResidualScorer scorer) {
        return new TwinStage(name, outputTopic, model, mapping, x0, options, scorer);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String outputTopic() {
        return outputTopic;
    }

    @Override
    public TwinFollower open(String asset, byte[] saved) throws RecordFormatException {
        if (saved == null) {
            return new TwinFollower(model, mapping, x0, options);
        }
        int states = model.stateNames().size();
        int inputs = model.inputNames().size();
        return StateBytes.read(saved, STATE_VERSION, "twin stage", in -> {
            double[] x = StateBytes.readDoubles(in, states);
            java.time.Instant origin = StateBytes.readInstant(in);
            java.time.Instant last = StateBytes.readInstant(in);
            double[] u = in.readBoolean() ? StateBytes.readDoubles(in, inputs) : null;
            return TwinFollower.resume(model, mapping, new TwinFollower.Snapshot(x, origin, last, u, in.readLong(),
                    in.readLong(), in.readLong()), options);
        });
    }

    @Override
    public byte[] save(TwinFollower follower) {
        TwinFollower.Snapshot s = follower.snapshot();
        return StateBytes.write(STATE_VERSION, out -> {
            StateBytes.writeDoubles(out, s.state());
            StateBytes.writeInstant(out, s.origin());
            StateBytes.writeInstant(out, s.last());
            out.writeBoolean(s.inputs() != null);
            if (s.inputs() != null) {
                StateBytes.writeDoubles(out, s.inputs());
            }
            out.writeLong(s.accepted());
            out.writeLong(s.skipped());
            out.writeLong(s.outOfOrder());
        });
    }

    @Override
    public void process(String asset, TelemetryFrame frame, TwinFollower follower, Output out) {
        List<Residual> residuals = follower.accept(frame);
        if (residuals.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder(160).append("{\"asset\":").append(FleetTopology.quote(asset))
                .append(",\"time\":\"").append(frame.time()).append("\",\"residuals\":{");
        for (int i = 0; i < residuals.size(); i++) {
            Residual r = residuals.get(i);
            b.append(i == 0 ? "" : ",").append(FleetTopology.quote(r.name())).append(':')
                    .append(JsonNumbers.sixDigits(r.value()));
        }
        b.append('}');
        if (scorer != null) {
            b.append(",\"score\":").append(JsonNumbers.sixDigits(scorer.score(residuals)));
        }
        out.emit(asset, b.append('}').toString().getBytes(StandardCharsets.UTF_8));
    }
}
