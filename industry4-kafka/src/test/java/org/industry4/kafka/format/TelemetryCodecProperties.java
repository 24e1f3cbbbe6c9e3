package org.industry4.kafka.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;

class TelemetryCodecProperties {

    @Provide
    Arbitrary<TelemetryFrame> frames() {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 12);
        return size.flatMap(n -> {
            Arbitrary<List<String>> names = Arbitraries.strings().withCharRange('a', 'z').withChars("_/-é漢")
                    .ofMinLength(1).ofMaxLength(20).list().ofSize(n).uniqueElements();
            Arbitrary<List<Double>> values = Arbitraries.oneOf(Arbitraries.doubles().between(-1e12, 1e12),
                    Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE))
                    .list().ofSize(n);
            Arbitrary<List<Quality>> qualities = Arbitraries.of(Quality.class).list().ofSize(n);
            Arbitrary<Instant> time = Combinators.combine(Arbitraries.longs().between(-62_000_000_000L,
                    250_000_000_000L), Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
            return Combinators.combine(names, values, qualities, time).as((ns, vs, qs, t) -> {
                double[] v = new double[n];
                Quality[] q = qs.toArray(new Quality[0]);
                List<String> clean = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    v[i] = q[i] == Quality.BAD && i % 2 == 0 ? Double.NaN : vs.get(i);
                    clean.add(ns.get(i).strip().isEmpty() ? "s" + i : ns.get(i));
                }
                return new TelemetryFrame(t, new FeatureSchema(clean.stream().distinct().count() == n ? clean
                        : java.util.stream.IntStream.range(0, n).mapToObj(i -> "s" + i).toList()), v, q);
            });
        });
    }

    @Property
    void everyFrameSurvivesBothFormsUnchanged(@ForAll("frames") TelemetryFrame frame) throws Exception {
        TelemetryCodec codec = new TelemetryCodec();
        assertEquals(frame, codec.decodeFrame(TelemetryCodec.encodeFrame(frame)));
        assertEquals(frame, codec.decodeFrame(TelemetryJson.toJson(frame).getBytes(StandardCharsets.UTF_8)));
    }

    @Property
    void framesOfOneSchemaSurviveOneRecordUnchangedAndInOrder(@ForAll("frames") TelemetryFrame frame,
            @ForAll @IntRange(min = 1, max = 40) int count, @ForAll long seed) throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<TelemetryFrame> frames = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double[] v = frame.values().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.isNaN(v[i]) ? v[i] : v[i] + r.nextInt(1000);
            }
            frames.add(new TelemetryFrame(frame.time().plusMillis(k * 100L), frame.schema(), v,
                    frame.signalQuality()));
        }
        assertEquals(frames, new TelemetryCodec().decodeFrames(TelemetryCodec.encodeFrames(frames)));
    }
}
