package org.industry4.opcua.client;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the collector says it is when it opens a session: anonymous, or a user name with a password.
 *
 * <p>The password is copied on creation and sent to the server only inside the user identity token,
 * encrypted with the server certificate whenever the endpoint's token policy asks for it.
 * {@link #toString()} never shows it.
 */
public final class Identity {

    /** The kind of user identity token this identity produces. */
    public enum Kind {
        /** No user: the server's anonymous identity. */
        ANONYMOUS,
        /** A user name and password. */
        USERNAME
    }

    private static final Identity ANONYMOUS = new Identity(Kind.ANONYMOUS, null, null);

    private final Kind kind;
    private final String userName;
    private final char[] password;

    private Identity(Kind kind, String userName, char[] password) {
        this.kind = kind;
        this.userName = userName;
        this.password = password;
    }

    /** The anonymous identity. */
    public static Identity anonymous() {
        return ANONYMOUS;
    }

    /**
     * A user name and password identity.
     *
     * @param userName not blank
     * @param password copied; the caller may clear its array afterwards
     * @throws IllegalArgumentException if the user name is blank
     */
    public static Identity username(String userName, char[] password) {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
        if (userName.isBlank()) {
            throw new IllegalArgumentException("user name must not be blank, got \"" + userName + "\"");
        }
        return new Identity(Kind.USERNAME, userName, password.clone());
    }

    /** A user name and password identity; see {@link #username(String, char[])}. */
    public static Identity username(String userName, String password) {
        Objects.requireNonNull(password, "password");
        return username(userName, password.toCharArray());
    }

    /** Whether this is anonymous or a user name. */
    public Kind kind() {
        return kind;
    }

    /** The user name, empty for the anonymous identity. */
    public Optional<String> userName() {
        return Optional.ofNullable(userName);
    }

    /** The password as UTF-8 bytes, a fresh array per call (empty for anonymous). */
    byte[] passwordUtf8() {
        if (password == null) {
            return new byte[0];
        }
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return kind == Kind.ANONYMOUS ? "anonymous" : "user \"" + userName + "\"";
    }
}
