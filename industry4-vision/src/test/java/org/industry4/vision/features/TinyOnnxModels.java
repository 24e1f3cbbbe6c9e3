package org.industry4.vision.features;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tiny ONNX models written byte by byte (protobuf wire format, field numbers from onnx.proto), so
 * the ONNX tests need no model files and no Python.
 */
final class TinyOnnxModels {

    private static final int FLOAT = 1;
    private static final int ATTR_INTS = 7;

    private TinyOnnxModels() {
    }

    /**
     * Input {@code x} [batch, channels, height, width] to two average pools: output {@code s8}
     * (kernel and stride 8) listed first and {@code s4} (kernel and stride 4). A dimension is an
     * Integer (fixed) or a String (symbolic). Sizes must be multiples of 8 where fixed.
     */
    static Path pools(Path dir, String file, Object batch, int channels, Object height, Object width)
            throws IOException {
        byte[] model = model(
                List.of(avgPool("x", "s8", 8), avgPool("x", "s4", 4)),
                List.of(valueInfo("x", batch, channels, height, width)),
                List.of(valueInfo("s8", batch, channels, div(height, 8), div(width, 8)),
                        valueInfo("s4", batch, channels, div(height, 4), div(width, 4))));
        return write(dir, file, model);
    }

    /** 1x3x32x32 input, one output {@code s3}: average pool kernel 3 stride 3, a 10x10 map (32/10 is no stride). */
    static Path oddStride(Path dir) throws IOException {
        byte[] model = model(List.of(avgPool("x", "s3", 3)),
                List.of(valueInfo("x", 1, 3, 32, 32)), List.of(valueInfo("s3", 1, 3, 10, 10)));
        return write(dir, "odd-stride.onnx", model);
    }

    /** Two inputs {@code a} and {@code b} (1x3x32x32) added into {@code sum}. */
    static Path twoInputs(Path dir) throws IOException {
        byte[] model = model(List.of(node("Add", List.of("a", "b"), List.of("sum"))),
                List.of(valueInfo("a", 1, 3, 32, 32), valueInfo("b", 1, 3, 32, 32)),
                List.of(valueInfo("sum", 1, 3, 32, 32)));
        return write(dir, "two-inputs.onnx", model);
    }

    private static Object div(Object dim, int by) {
        return dim instanceof Integer i ? (Object) (i / by) : dim + "_" + by;
    }

    static Path write(Path dir, String file, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(file), bytes);
    }

    /** ModelProto: ir_version 7, opset 13 of the default domain, the graph. */
    static byte[] model(List<byte[]> nodes, List<byte[]> inputs, List<byte[]> outputs) {
        Proto graph = new Proto();
        for (byte[] n : nodes) {
            graph.bytes(1, n);
        }
        graph.string(2, "tiny");
        for (byte[] i : inputs) {
            graph.bytes(11, i);
        }
        for (byte[] o : outputs) {
            graph.bytes(12, o);
        }
        return new Proto()
                .varint(1, 7)
                .bytes(8, new Proto().string(1, "").varint(2, 13).toBytes())
                .bytes(7, graph.toBytes())
                .toBytes();
    }

    static byte[] avgPool(String in, String out, int k) {
        return node("AveragePool", List.of(in), List.of(out), ints("kernel_shape", k, k), ints("strides", k, k));
    }

    /** NodeProto: inputs, outputs, name, op type, attributes. */
    static byte[] node(String op, List<String> in, List<String> out, byte[]... attributes) {
        Proto p = new Proto();
        in.forEach(s -> p.string(1, s));
        out.forEach(s -> p.string(2, s));
        p.string(3, op + "_" + out.get(0));
        p.string(4, op);
        for (byte[] a : attributes) {
            p.bytes(5, a);
        }
        return p.toBytes();
    }

    /** AttributeProto of type INTS, values as repeated (unpacked) field 8. */
    static byte[] ints(String name, long... values) {
        Proto p = new Proto().string(1, name);
        for (long v : values) {
            p.varint(8, v);
        }
        return p.varint(20, ATTR_INTS).toBytes();
    }

    /** ValueInfoProto of a float tensor; each dim an Integer (dim_value) or a String (dim_param). */
    static byte[] valueInfo(String name, Object... dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            Proto dim = d instanceof Integer i ? new Proto().varint(1, i) : new Proto().string(2, (String) d);
            shape.bytes(1, dim.toBytes());
        }
        byte[] tensor = new Proto().varint(1, FLOAT).bytes(2, shape.toBytes()).toBytes();
        byte[] type = new Proto().bytes(1, tensor).toBytes();
        return new Proto().string(1, name).bytes(2, type).toBytes();
    }

    /** A minimal protobuf writer: varint and length-delimited fields. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            raw(((long) field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
