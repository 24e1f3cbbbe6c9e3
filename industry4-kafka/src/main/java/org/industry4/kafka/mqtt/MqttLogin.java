package org.industry4.kafka.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A user name and password for the MQTT broker (CONNECT's user name and password fields). The
 * password is kept as a copy and never printed: {@link #toString} shows the user name only. Send
 * it over {@code ssl://} (or {@code wss://}): over {@code tcp://} it crosses the network in clear,
 * and the bridge logs a warning when it connects that way.
 *
 * @param username the user name, not blank, at most 65,535 UTF-8 bytes
 * @param password the password, at most 65,535 UTF-8 bytes; may be empty
 */
public record MqttLogin(String username, char[] password) {

    private static final int MAX_BYTES = 0xFFFF;

    public MqttLogin {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank, got "
                    + (username == null ? "null" : "\"" + username + "\""));
        }
        if (username.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("username must take at most " + MAX_BYTES + " UTF-8 bytes, got "
                    + username.getBytes(StandardCharsets.UTF_8).length);
        }
        if (password == null) {
            throw new IllegalArgumentException("password of user " + username + " must not be null (use an empty"
                    + " one for none)");
        }
        if (new String(password).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("password of user " + username + " must take at most " + MAX_BYTES
                    + " UTF-8 bytes");
        }
        password = password.clone();
    }

    /** A copy of the password. */
    @Override
    public char[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttLogin other && username.equals(other.username)
                && Arrays.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return 31 * username.hashCode() + Arrays.hashCode(password);
    }

    @Override
    public String toString() {
        return "MqttLogin[username=" + username + ", password=(hidden)]";
    }
}
