package org.industry4.kafka.format;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryFrame;
import org.industry4.core.TelemetrySample;

/**
 * The JSON form of the telemetry records, for people and for tools that do not speak the binary
 * form: UTF-8, snake_case, times as ISO-8601 UTC strings, a missing (BAD) value as {@code null}.
 *
 * <pre>{@code
 * {"format":"industry4/frame","version":1,"time":"2026-11-24T08:00:00.250Z",
 *  "signals":["spindle_temp","vibration_rms"],"values":[41.5,null],"quality":["GOOD","BAD"]}
 * {"format":"industry4/sample","version":1,"signal":"cnc-01/spindle_temp",
 *  "source_time":"2026-11-24T08:00:00.250Z","server_time":"2026-11-24T08:00:00.251Z",
 *  "value":41.5,"quality":"GOOD"}
 * }</pre>
 *
 * {@link TelemetryCodec#decodeFrame} and {@link TelemetryCodec#decodeSample} read this form too.
 * Thread-safe.
 */
public final class TelemetryJson {

    static final String FRAME = "industry4/frame";
    static final String SAMPLE = "industry4/sample";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TelemetryJson() {
    }

    /** The JSON form of {@code frame}. */
    public static String toJson(TelemetryFrame frame) {
        Objects.requireNonNull(frame, "frame");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FRAME).put("version", TelemetryCodec.VERSION).put("time", frame.time().toString());
        ArrayNode signals = root.putArray("signals");
        ArrayNode values = root.putArray("values");
        ArrayNode quality = root.putArray("quality");
        for (int i = 0; i < frame.schema().size(); i++) {
            signals.add(frame.schema().names().get(i));
            double v = frame.value(i);
            if (Double.isNaN(v)) {
                values.addNull();
            } else {
                values.add(v);
            }
            quality.add(frame.quality(i).name());
        }
        return root.toString();
    }

    /** The JSON form of {@code sample}. */
    public static String toJson(TelemetrySample sample) {
        Objects.requireNonNull(sample, "sample");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", SAMPLE).put("version", TelemetryCodec.VERSION).put("signal", sample.signal().value())
                .put("source_time", sample.sourceTime().toString()).put("server_time", sample.serverTime().toString());
        if (Double.isNaN(sample.value())) {
            root.putNull("value");
        } else {
            root.put("value", sample.value());
        }
        root.put("quality", sample.quality().name());
        return root.toString();
    }

    static byte kind(byte[] bytes) throws RecordFormatException {
        String format = text(header(bytes), "format");
        return switch (format) {
            case FRAME -> TelemetryCodec.KIND_FRAME;
            case SAMPLE -> TelemetryCodec.KIND_SAMPLE;
            default -> throw new RecordFormatException("JSON record format \"" + format + "\" is neither \"" + FRAME
                    + "\" nor \"" + SAMPLE + "\"");
        };
    }

    static TelemetryFrame parseFrame(byte[] bytes) throws RecordFormatException {
        JsonNode root = header(bytes);
        Instant time = time(root, "time");
        JsonNode signals = array(root, "signals");
        JsonNode values = array(root, "values");
        JsonNode quality = array(root, "quality");
        int n = signals.size();
        if (values.size() != n || quality.size() != n) {
            throw new RecordFormatException("JSON frame has " + n + " signals, " + values.size() + " values and "
                    + quality.size() + " qualities; they must match");
        }
        List<String> names = new ArrayList<>(n);
        double[] v = new double[n];
        Quality[] q = new Quality[n];
        for (int i = 0; i < n; i++) {
            if (!signals.get(i).isTextual()) {
                throw new RecordFormatException("JSON frame signal " + i + " is not a string: " + signals.get(i));
            }
            names.add(signals.get(i).asText());
            v[i] = value(values.get(i), names.get(i));
            q[i] = quality(quality.get(i), names.get(i));
        }
        try {
            return new TelemetryFrame(time, new FeatureSchema(names), v, q);
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("invalid JSON frame: " + e.getMessage(), e);
        }
    }

    static TelemetrySample parseSample(byte[] bytes) throws RecordFormatException {
        JsonNode root = header(bytes);
        String signal = text(root, "signal");
        try {
            return new TelemetrySample(SignalId.of(signal), time(root, "source_time"), time(root, "server_time"),
                    value(root.path("value"), signal), quality(root.path("quality"), signal));
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("invalid JSON sample: " + e.getMessage(), e);
        }
    }

    private static JsonNode header(byte[] bytes) throws RecordFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new RecordFormatException("record is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new RecordFormatException("JSON record is not an object");
        }
        JsonNode version = root.path("version");
        if (!version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new RecordFormatException("JSON record has no integer \"version\"");
        }
        int v = version.intValue();
        if (v < 1 || v > TelemetryCodec.VERSION) {
            throw new RecordFormatException("unknown record format version " + v + " (this reader knows 1 to "
                    + TelemetryCodec.VERSION + ")");
        }
        return root;
    }

    private static String text(JsonNode root, String field) throws RecordFormatException {
        JsonNode node = root.path(field);
        if (!node.isTextual()) {
            throw new RecordFormatException("JSON record has no string \"" + field + "\"");
        }
        return node.asText();
    }

    private static JsonNode array(JsonNode root, String field) throws RecordFormatException {
        JsonNode node = root.path(field);
        if (!node.isArray()) {
            throw new RecordFormatException("JSON record has no array \"" + field + "\"");
        }
        return node;
    }

    private static Instant time(JsonNode root, String field) throws RecordFormatException {
        String text = text(root, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new RecordFormatException("JSON record field \"" + field + "\" is not an ISO-8601 instant: "
                    + text, e);
        }
    }

    private static double value(JsonNode node, String signal) throws RecordFormatException {
        if (node.isNull()) {
            return Double.NaN;
        }
        if (!node.isNumber()) {
            throw new RecordFormatException("value of " + signal + " is neither a number nor null: " + node);
        }
        return node.doubleValue();
    }

    private static Quality quality(JsonNode node, String signal) throws RecordFormatException {
        try {
            return Quality.valueOf(node.asText());
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("quality of " + signal + " is " + node
                    + ", none of GOOD, UNCERTAIN, BAD", e);
        }
    }

}
