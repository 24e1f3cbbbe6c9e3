package org.industry4.examples.factory.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The JSON writer: RFC 8259 escaping, number formatting, refusals that name the key. */
class MqttJsonTest {

    @Test
    void writesFieldsInOrderWithNestedObjectsAndArrays() {
        String json = Json.object()
                .put("machine", "cnc-01")
                .put("score", 3.2)
                .put("ok", true)
                .putNull("fault_class")
                .put("nested", Json.object().put("signal", "vibration_rms").put("share", 0.5))
                .put("count", 7)
                .put("scores", new double[] {1.0, 2.5, -0.25})
                .put("ids", new int[] {3, 1})
                .put("big", new long[] {Long.MIN_VALUE})
                .putStrings("stops", List.of("cnc-02", "press-01"))
                .putObjects("parts", List.of(Json.object().put("id", 1), Json.object()))
                .toString();
        assertEquals("{\"machine\":\"cnc-01\",\"score\":3.2,\"ok\":true,\"fault_class\":null,"
                + "\"nested\":{\"signal\":\"vibration_rms\",\"share\":0.5},\"count\":7,"
                + "\"scores\":[1,2.5,-0.25],\"ids\":[3,1],\"big\":[-9223372036854775808],"
                + "\"stops\":[\"cnc-02\",\"press-01\"],\"parts\":[{\"id\":1},{}]}", json);
        assertEquals("{}", Json.object().toString());
        assertEquals("{\"a\":[],\"b\":[]}", Json.object().put("a", new double[0]).putStrings("b", List.of()).toString());
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String json = Json.object().put("text", "say \"hi\"\\ \n\r\t\b\f \u0000\u001f\u007f é €").toString();
        assertEquals("{\"text\":\"say \\\"hi\\\"\\\\ \\n\\r\\t\\b\\f \\u0000\\u001f\u007f é €\"}", json);
        assertEquals("{\"a\\\"b\":1}", Json.object().put("a\"b", 1).toString(), "keys are escaped too");
    }

    @Test
    void escapesLineSeparatorsAndUnpairedSurrogatesButKeepsPairs() {
        String json = Json.object().put("s", "\u2028\u2029 \ud83d\ude00 \ud83d x \ude00").toString();
        assertEquals("{\"s\":\"\\u2028\\u2029 \ud83d\ude00 \\ud83d x \\ude00\"}", json);
    }

    @Test
    void writesWholeNumbersWithoutFractionAndOthersInShortestForm() {
        assertEquals("3", Json.number(3.0));
        assertEquals("-42", Json.number(-42.0));
        assertEquals("0", Json.number(-0.0));
        assertEquals("3.2", Json.number(3.2));
        assertEquals("0.1", Json.number(0.1));
        assertEquals("1.0E-7", Json.number(1e-7));
        assertEquals("9007199254740991", Json.number(9007199254740991.0));
        assertEquals("1.0E20", Json.number(1e20));
        assertEquals("{\"n\":9223372036854775807}", Json.object().put("n", Long.MAX_VALUE).toString());
    }

    @Test
    void numbersDoNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("{\"x\":1234.5,\"y\":[0.25]}",
                    Json.object().put("x", 1234.5).put("y", new double[] {0.25}).toString());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void refusesNanAndInfinityNamingTheKey() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Json.object().put("rul_minutes", bad));
            assertTrue(e.getMessage().contains("\"rul_minutes\""), e.getMessage());
            assertTrue(e.getMessage().contains(Double.toString(bad)), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.object().put("scores", new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("element 1 of \"scores\""), e.getMessage());
    }

    @Test
    void refusedValueLeavesTheObjectUnchanged() {
        Json json = Json.object().put("a", 1);
        assertThrows(IllegalArgumentException.class, () -> json.put("b", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> json.put("c", new double[] {Double.NaN}));
        assertEquals("{\"a\":1,\"b\":2}", json.put("b", 2).toString());
    }

    @Test
    void writesInstantsAsIsoStrings() {
        assertEquals("{\"time\":\"2024-05-01T10:15:30.250Z\"}",
                Json.object().put("time", Instant.parse("2024-05-01T10:15:30.25Z")).toString());
        assertEquals("{\"time\":\"1970-01-01T00:00:00Z\"}", Json.object().put("time", Instant.EPOCH).toString());
    }

    @Test
    void refusesDuplicateAndNullKeysAndNullValuesNamingThem() {
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> Json.object().put("machine", "a").put("machine", "b"));
        assertTrue(duplicate.getMessage().contains("\"machine\""), duplicate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.object().put(null, 1));
        IllegalArgumentException nullValue = assertThrows(IllegalArgumentException.class,
                () -> Json.object().put("fault_class", (String) null));
        assertTrue(nullValue.getMessage().contains("putNull(\"fault_class\")"), nullValue.getMessage());
        IllegalArgumentException nullElement = assertThrows(IllegalArgumentException.class,
                () -> Json.object().putStrings("stops", Arrays.asList("a", null)));
        assertTrue(nullElement.getMessage().contains("element 1 of \"stops\""), nullElement.getMessage());
    }

    @Test
    void payloadsDocumentedInTheReadmeAreWhatTheWriterProduces() {
        assertEquals("{\"machine\":\"cnc-02\",\"time\":\"2024-05-01T10:17:00Z\",\"rul_minutes\":37.5,\"lower\":29,\"upper\":46}",
                Json.object().put("machine", "cnc-02").put("time", Instant.parse("2024-05-01T10:17:00Z"))
                        .put("rul_minutes", 37.5).put("lower", 29.0).put("upper", 46.0).toString());
        assertEquals("{\"plant\":\"demo-plant\",\"time\":\"2024-05-01T10:20:00Z\",\"availability\":0.94,"
                        + "\"performance\":0.88,\"quality\":0.97,\"oee\":0.802,\"fpy\":0.96,\"mtbf_min\":182,"
                        + "\"mttr_min\":11.5,\"unplanned_downtime_min\":23,\"energy_kwh_per_good_part\":0.42}",
                Json.object().put("plant", "demo-plant").put("time", Instant.parse("2024-05-01T10:20:00Z"))
                        .put("availability", 0.94).put("performance", 0.88).put("quality", 0.97).put("oee", 0.802)
                        .put("fpy", 0.96).put("mtbf_min", 182.0).put("mttr_min", 11.5)
                        .put("unplanned_downtime_min", 23.0).put("energy_kwh_per_good_part", 0.42).toString());
    }

    @Test
    void nestedObjectIsCopiedWhenPut() {
        Json inner = Json.object().put("a", 1);
        Json outer = Json.object().put("inner", inner);
        inner.put("b", 2);
        assertEquals("{\"inner\":{\"a\":1}}", outer.toString());
    }

    @Property(tries = 500)
    void anyStringRoundTripsAsValueAndKey(@ForAll @CharRange(from = '\u0000', to = '\uffff') String s) {
        String json = Json.object().put(s, s).toString();
        assertNoRawControlCharacters(json);
        MiniParser parser = new MiniParser(json);
        parser.expect('{');
        assertEquals(s, parser.string());
        parser.expect(':');
        assertEquals(s, parser.string());
        parser.expect('}');
        parser.expectEnd();
    }

    @Property(tries = 300)
    void controlHeavyStringsRoundTrip(@ForAll @CharRange(from = '\u0000', to = '\u0040') String s) {
        anyStringRoundTripsAsValueAndKey(s);
    }

    @Property(tries = 300)
    void finiteDoublesRoundTripExactly(@ForAll double x) {
        Assume.that(Double.isFinite(x));
        String text = Json.number(x);
        assertTrue(text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"), text);
        assertEquals(x == 0 ? 0.0 : x, Double.parseDouble(text));
    }

    @Property(tries = 200)
    void wholeDoublesHaveNoFraction(@ForAll @DoubleRange(min = -1e15, max = 1e15) double x) {
        double whole = Math.rint(x);
        assertFalse(Json.number(whole).contains("."), Json.number(whole));
    }

    private static void assertNoRawControlCharacters(String json) {
        for (int i = 0; i < json.length(); i++) {
            assertTrue(json.charAt(i) >= 0x20, "raw control character at " + i + " in " + json);
        }
    }

    /** Just enough of a JSON reader to take string literals apart, strictly per RFC 8259. */
    private static final class MiniParser {
        private final String text;
        private int at;

        MiniParser(String text) {
            this.text = text;
        }

        void expect(char c) {
            assertTrue(at < text.length() && text.charAt(at) == c, "expected '" + c + "' at " + at + " in " + text);
            at++;
        }

        void expectEnd() {
            assertEquals(text.length(), at, "trailing text in " + text);
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                assertTrue(at < text.length(), "unterminated string in " + text);
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                assertTrue(c >= 0x20, "raw control character in a string literal");
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        String hex = text.substring(at, at + 4);
                        assertTrue(hex.matches("[0-9a-fA-F]{4}"), "bad \\u escape " + hex);
                        out.append((char) Integer.parseInt(hex, 16));
                        at += 4;
                    }
                    default -> throw new AssertionError("bad escape \\" + e + " in " + text);
                }
            }
        }
    }
}
