package org.industry4.opcua.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of the option records and the backoff sequence. */
class CollectorOptionsTest {

    @Test
    void subscriptionOptionsRejectNonsenseNamingTheValue() {
        assertEquals(Duration.ofMillis(100), new SubscriptionOptions().samplingInterval());
        var e = assertThrows(IllegalArgumentException.class, () -> new SubscriptionOptions().withQueueSize(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SubscriptionOptions().withSamplingInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new SubscriptionOptions().withMaxItemsPerCall(-1));
        assertThrows(IllegalArgumentException.class, () -> Deadband.percent(101));
        assertThrows(IllegalArgumentException.class, () -> Deadband.absolute(-1));
        assertThrows(IllegalArgumentException.class, () -> Deadband.absolute(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Deadband(Deadband.Kind.NONE, 1));
    }

    @Test
    void reconnectOptionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectOptions(Duration.ZERO, Duration.ofSeconds(1), 2, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectOptions(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.0, 0));
    }

    @Test
    void backoffGrowsToTheCapWithSeededJitter() {
        var options = new ReconnectOptions(Duration.ofMillis(100), Duration.ofMillis(1_000), 2.0, 0.25, 42);
        List<Long> first = delays(options, 12);
        assertEquals(first, delays(options, 12), "same seed, same delays");
        for (int i = 0; i < first.size(); i++) {
            double base = Math.min(1_000, 100 * Math.pow(2, i));
            assertTrue(first.get(i) <= Math.round(base) && first.get(i) >= Math.round(base * 0.75) - 1,
                    i + ": " + first.get(i));
        }
        assertEquals(List.of(250L, 250L, 250L), delays(ReconnectOptions.fixed(Duration.ofMillis(250)), 3));
        assertFalse(delays(new ReconnectOptions(Duration.ofMillis(100), Duration.ofMillis(1_000), 2.0, 0.25, 43), 12)
                .equals(first), "another seed, other delays");
    }

    private static List<Long> delays(ReconnectOptions options, int n) {
        ReconnectOptions.Backoff b = options.newBackoff();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.nextDelayMillis());
        }
        return out;
    }

    @Test
    void identitiesNeverShowThePassword() {
        char[] password = "s3cret".toCharArray();
        Identity id = Identity.username("operator", password);
        password[0] = 'X';
        assertEquals("s3cret", new String(id.passwordUtf8(), java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(id.toString().contains("s3cret"));
        assertThrows(IllegalArgumentException.class, () -> Identity.username(" ", "x"));
        assertEquals(Identity.Kind.ANONYMOUS, Identity.anonymous().kind());
    }

    @Test
    void statusNamesComeFromTheOpcUaTables() {
        assertEquals("Bad_NodeIdUnknown", OpcUaStatus.of(0x80340000L).name());
        assertTrue(OpcUaStatus.GOOD.isGood());
        assertEquals("0x80FF0000", OpcUaStatus.of(0x80FF0000L).name());
    }
}
