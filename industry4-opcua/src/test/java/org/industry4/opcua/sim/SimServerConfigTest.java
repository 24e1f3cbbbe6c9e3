package org.industry4.opcua.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimServerConfigTest {

    @Test
    void defaultsServeLoopbackOnAFreePortAnonymously() {
        SimServerConfig c = SimServerConfig.builder().build();
        assertEquals("127.0.0.1", c.bindAddress());
        assertEquals(0, c.port());
        assertEquals("/industry4", c.path());
        assertNull(c.pkiDirectory());
        assertEquals(new SimulationOptions(), c.simulation());
        assertTrue(c.allowAnonymous());
        assertEquals(Map.of(), c.users());
        assertFalse(c.acceptAnyClientCertificate());
        assertEquals(0, c.maxMonitoredItemsPerCall());
        assertEquals(0, c.maxMonitoredItemsPerSession());
        assertTrue(c.advertiseMaxMonitoredItemsPerCall());
    }

    @Test
    void invalidSettingsAreRejectedNamingTheValue() {
        var b = SimServerConfig.builder();
        assertEquals("port must be in 0..65535, got 70000",
                assertThrows(IllegalArgumentException.class, () -> b.port(70000)).getMessage());
        assertEquals("path must start with '/' and contain no whitespace, got 'industry4'",
                assertThrows(IllegalArgumentException.class, () -> b.path("industry4")).getMessage());
        assertEquals("bindAddress must not be blank",
                assertThrows(IllegalArgumentException.class, () -> b.bindAddress(" ")).getMessage());
        assertEquals("password of user 'op' must not be empty",
                assertThrows(IllegalArgumentException.class, () -> b.user("op", "")).getMessage());
        assertEquals("maxMonitoredItemsPerCall must be >= 0 (0 = Milo's default), got -1",
                assertThrows(IllegalArgumentException.class, () -> b.maxMonitoredItemsPerCall(-1)).getMessage());
        assertEquals("maxMonitoredItemsPerSession must be >= 0 (0 = Milo's default), got -3",
                assertThrows(IllegalArgumentException.class, () -> b.maxMonitoredItemsPerSession(-3)).getMessage());
        b.user("op", "secret");
        assertEquals("user 'op' added twice",
                assertThrows(IllegalArgumentException.class, () -> b.user("op", "x")).getMessage());
        assertEquals(
                "no identity accepted: allowAnonymous is false and no user is configured",
                assertThrows(IllegalArgumentException.class,
                        () -> SimServerConfig.builder().allowAnonymous(false).build()).getMessage());
    }

    @Test
    void monitoredItemLimitsAreKept() {
        SimServerConfig c = SimServerConfig.builder().maxMonitoredItemsPerCall(25).maxMonitoredItemsPerSession(50)
                .advertiseMaxMonitoredItemsPerCall(false).build();
        assertEquals(25, c.maxMonitoredItemsPerCall());
        assertEquals(50, c.maxMonitoredItemsPerSession());
        assertFalse(c.advertiseMaxMonitoredItemsPerCall());
        assertTrue(c.toString().contains("maxMonitoredItemsPerCall=25"), c.toString());
    }

    @Test
    void usersAreKeptButPasswordsStayOutOfToString() {
        SimServerConfig c = SimServerConfig.builder().user("op", "secret").allowAnonymous(false).build();
        assertEquals(Map.of("op", "secret"), c.users());
        assertFalse(c.toString().contains("secret"), c.toString());
    }
}
