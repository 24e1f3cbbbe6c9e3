package org.industry4.examples.factory.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The embedded broker: loopback, a free port, memory only, and a clean stop. */
class MqttEmbeddedBrokerTest {

    @Test
    void listensOnLoopbackOnAFreePortAndRelaysMessages() throws Exception {
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start()) {
            assertTrue(broker.port() > 0);
            assertEquals("tcp://127.0.0.1:" + broker.port(), broker.url());
            try (MqttTestSubscriber subscriber = MqttTestSubscriber.subscribe(broker.url(), "t/#");
                 MqttPublisher publisher = MqttPublisher.connect(broker.url(), "broker-test")) {
                publisher.publish("t/x", "{\"n\":1}", false);
                MqttTestSubscriber.Received got = subscriber.next(10);
                assertNotNull(got, "no message within 10 s");
                assertEquals("{\"n\":1}", got.payload());
            }
        }
    }

    @Test
    void twoBrokersGetDifferentPorts() throws Exception {
        try (EmbeddedMqttBroker a = EmbeddedMqttBroker.start(); EmbeddedMqttBroker b = EmbeddedMqttBroker.start()) {
            assertNotEquals(a.port(), b.port());
        }
    }

    @Test
    void aTakenPortIsAClearIoException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            IOException e = assertThrows(IOException.class, () -> EmbeddedMqttBroker.start(taken.getLocalPort()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void writesNoFilesInTheWorkingOrHomeDirectory() throws Exception {
        File cwd = new File(System.getProperty("user.dir"));
        File home = new File(System.getProperty("user.home"));
        Set<String> cwdBefore = names(cwd);
        Set<String> homeBefore = names(home);
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start();
             MqttPublisher publisher = MqttPublisher.connect(broker.url(), "no-files")) {
            publisher.publish("t/retained", "{}", true); // retained messages would go to the store if there were one
        }
        Set<String> cwdNew = difference(names(cwd), cwdBefore);
        assertEquals(Set.of(), cwdNew, "new entries in " + cwd);
        // Other processes may write to the home folder meanwhile: only Moquette's names count there.
        Set<String> homeNew = difference(names(home), homeBefore).stream()
                .filter(n -> n.contains("moquette") || n.equals("data") || n.endsWith(".h2") || n.endsWith(".mv.db"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), homeNew, "new Moquette files in " + home);
        assertTrue(!new File(cwd, "data").exists() || cwdBefore.contains("data"));
    }

    @Test
    void closeIsIdempotentAndFreesThePort() throws Exception {
        EmbeddedMqttBroker broker = EmbeddedMqttBroker.start();
        int port = broker.port();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        }
        broker.close();
        broker.close();
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            }
        });
    }

    @Test
    void closeLeavesNoNonDaemonThreadsOfTheBroker() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        EmbeddedMqttBroker.start().close();
        Set<Thread> left = new HashSet<>(Thread.getAllStackTraces().keySet());
        left.removeAll(before);
        for (Thread thread : left) {
            if (!thread.isDaemon()) {
                thread.join(10_000); // a thread may still be finishing its last task
            }
        }
        Set<String> alive = left.stream().filter(t -> t.isAlive() && !t.isDaemon())
                .map(Thread::getName).collect(Collectors.toSet());
        assertEquals(Set.of(), alive, "non-daemon threads left running");
    }

    private static Set<String> names(File dir) throws IOException {
        String[] names = dir.list();
        if (names == null) {
            throw new IOException("cannot list " + dir);
        }
        return new HashSet<>(Arrays.asList(names));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
