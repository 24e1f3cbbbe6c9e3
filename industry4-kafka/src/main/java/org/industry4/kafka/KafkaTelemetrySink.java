package org.industry4.kafka;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.industry4.core.TelemetryException;
import org.industry4.core.TelemetryFrame;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;
import org.industry4.kafka.format.TelemetryCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TelemetrySink} that writes every sample to Kafka, keyed by asset so that one machine's
 * samples stay ordered in one partition, in the binary record format of {@link TelemetryCodec}.
 * Plug it onto the OPC UA collector like any other sink; {@link #send} writes aligned frames, the
 * input of {@link org.industry4.kafka.streams.FleetTopology}: a record per frame by default, or
 * with {@link KafkaSinkOptions#withFramesPerRecord} up to that many frames of one asset per record,
 * which costs the producer, the broker and the stream thread much less per frame (a frame then
 * waits at most {@code maxRecordDelay} on a daemon thread of the sink for the rest of its record).
 *
 * <p>The Kafka timestamp of a record is when it was sent; the measurement's own time travels in
 * the record. (A broker refuses timestamps more than an hour ahead of its clock by default, and a
 * device clock, or a simulation running faster than real time, may well be.)
 *
 * <pre>{@code
 * try (KafkaTelemetrySink sink = KafkaTelemetrySink.create(new KafkaSinkOptions("broker:9092"))) {
 *     collector.start(sink);   // or sink.send("cnc-01", frame)
 *     ...
 * }                             // close() waits until the broker has every record
 * }</pre>
 *
 * <p>Nothing is lost: the producer is idempotent with {@code acks=all} ({@link ProducerSettings}),
 * {@link #flush()} and {@link #close()} send the frames that wait for their record and return only
 * when the broker has acknowledged every record accepted so far, and a record the producer finally
 * could not deliver makes the next {@code accept}, {@code send}, {@code flush} or {@code close}
 * throw a {@link TelemetryException} naming it, rather than being dropped quietly. Thread-safe.
 */
public final class KafkaTelemetrySink implements TelemetrySink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTelemetrySink.class);

    private final KafkaSinkOptions options;
    private final Producer<String, byte[]> producer;
    private final AtomicReference<TelemetryException> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Callback callback = this::completed;
    /** Frames waiting for the rest of their record, per asset, oldest first; guarded by itself. */
    private final LinkedHashMap<String, Batch> batches = new LinkedHashMap<>();
    private final ScheduledExecutorService linger;
    private volatile boolean closed;

    private static final class Batch {
        final long since;
        final List<TelemetryFrame> frames;

        Batch(long since, int capacity) {
            this.since = since;
            this.frames = new ArrayList<>(capacity);
        }
    }

    private KafkaTelemetrySink(KafkaSinkOptions options, Producer<String, byte[]> producer) {
        this.options = options;
        this.producer = producer;
        if (options.framesPerRecord() > 1) {
            linger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "industry4-kafka-sink-linger");
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(1, options.maxRecordDelay().toMillis() / 4);
            linger.scheduleWithFixedDelay(this::sendDue, period, period, TimeUnit.MILLISECONDS);
        } else {
            linger = null;
        }
    }

    /**
     * A sink writing as {@code options} say. Connecting is lazy: an unreachable broker shows as a
     * {@link TelemetryException} from {@link #flush()} once the delivery timeout has passed.
     */
    public static KafkaTelemetrySink create(KafkaSinkOptions options) {
        Objects.requireNonNull(options, "options");
        try {
            return new KafkaTelemetrySink(options,
                    new KafkaProducer<>(ProducerSettings.lossless(options.bootstrapServers(), options.producer())));
        } catch (KafkaException e) {
            throw new TelemetryException("cannot create a Kafka producer for " + options.bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The settings of this sink. */
    public KafkaSinkOptions options() {
        return options;
    }

    @Override
    public void accept(List<TelemetrySample> batch) {
        Objects.requireNonNull(batch, "batch");
        requireOpen();
        for (TelemetrySample sample : batch) {
            String asset = options.assetOf().apply(sample.signal());
            send(new ProducerRecord<>(options.samplesTopic(), null, null, asset,
                    TelemetryCodec.encodeSample(sample)));
        }
    }

    /**
     * Writes {@code frame} of {@code asset} to the frames topic: at once, or with
     * {@link KafkaSinkOptions#withFramesPerRecord} in a record with the asset's next frames, once
     * it is full or {@code maxRecordDelay} has passed.
     */
    public void send(String asset, TelemetryFrame frame) {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(frame, "frame");
        requireOpen();
        int max = options.framesPerRecord();
        if (max == 1) {
            sendFrames(asset, TelemetryCodec.encodeFrame(frame));
            return;
        }
        synchronized (batches) {
            if (closed) { // close() sends what waits under this lock: a frame added after that would be lost
                throw new IllegalStateException("the Kafka sink is closed");
            }
            Batch batch = batches.get(asset);
            if (batch != null && !batch.frames.get(0).schema().equals(frame.schema())) {
                batches.remove(asset);
                sendFrames(asset, TelemetryCodec.encodeFrames(batch.frames));
                batch = null;
            }
            if (batch == null) {
                batch = new Batch(System.nanoTime(), max);
                batches.put(asset, batch);
            }
            batch.frames.add(frame);
            if (batch.frames.size() == max) {
                batches.remove(asset);
                sendFrames(asset, TelemetryCodec.encodeFrames(batch.frames));
            }
        }
    }

    private void sendFrames(String asset, byte[] value) {
        send(new ProducerRecord<>(options.framesTopic(), null, null, asset, value));
    }

    /** Sends the records whose first frame has waited {@code maxRecordDelay}; on the linger thread. */
    private void sendDue() {
        try {
            sendWaiting(System.nanoTime() - options.maxRecordDelay().toNanos());
        } catch (TelemetryException e) {
            failure.compareAndSet(null, e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, new TelemetryException("sending waiting frames failed: " + e, e));
        }
    }

    private void awaitLinger() {
        try {
            if (!linger.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("the sink's linger thread did not finish within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends every waiting frame now. */
    private void sendAllWaiting() {
        sendWaiting(Long.MAX_VALUE);
    }

    /**
     * Sends the records whose first frame came at or before {@code due} (a {@link System#nanoTime}),
     * oldest first; with {@link Long#MAX_VALUE}, all of them.
     */
    private void sendWaiting(long due) {
        synchronized (batches) {
            Iterator<Map.Entry<String, Batch>> it = batches.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Batch> e = it.next();
                if (due != Long.MAX_VALUE && e.getValue().since - due > 0) {
                    break; // oldest first: the rest are younger
                }
                it.remove(); // before the send: a send that throws must not leave it to be sent twice
                sendFrames(e.getKey(), TelemetryCodec.encodeFrames(e.getValue().frames));
            }
        }
    }

    /** Records handed to the producer so far (a record holds one sample, or one or more frames). */
    public long sent() {
        return sent.get();
    }

    /** Records the broker has acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record, callback);
            sent.incrementAndGet();
        } catch (KafkaException e) {
            throw new TelemetryException("cannot send a record of " + record.key() + " to " + record.topic() + ": "
                    + e.getMessage(), e);
        }
    }

    private void completed(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
        if (e == null) {
            acknowledged.incrementAndGet();
        } else if (failure.compareAndSet(null, new TelemetryException("Kafka did not take a record for "
                + (metadata == null ? "?" : metadata.topic() + "-" + metadata.partition()) + ": " + e.getMessage(), e))) {
            LOG.error("Kafka did not take a record: {}", e.toString());
        }
    }

    /** Sends every waiting frame and waits until the broker has acknowledged every record sent so far. */
    @Override
    public void flush() {
        requireOpen();
        sendAllWaiting();
        producer.flush();
        throwFailure();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the Kafka sink is closed");
        }
        throwFailure();
    }

    private void throwFailure() {
        TelemetryException e = failure.get();
        if (e != null) {
            throw new TelemetryException(e.getMessage(), e.getCause()); // a fresh one each time: it may be thrown twice
        }
    }

    /** Flushes, then closes the producer. Idempotent; throws if a record was not delivered. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (linger != null) {
                linger.shutdown(); // no new rounds; one under way finishes its sends
                awaitLinger();
            }
            sendAllWaiting();
            producer.flush();
        } finally {
            producer.close();
        }
        LOG.debug("Kafka sink closed: {} records sent, {} acknowledged", sent.get(), acknowledged.get());
        throwFailure();
    }
}
