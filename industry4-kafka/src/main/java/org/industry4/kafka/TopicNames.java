package org.industry4.kafka;

/** Kafka's rule for topic names, checked where a setting names a topic, with a message naming the setting and the value. */
public final class TopicNames {

    /** The longest legal Kafka topic name. */
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /**
     * Checks a Kafka topic name: 1 to 249 characters from {@code [a-zA-Z0-9._-]}, not {@code .}
     * or {@code ..}.
     *
     * @param field the name of the setting, for the message
     * @return {@code name}
     * @throws IllegalArgumentException naming the field and the value
     */
    public static String require(String field, String name) {
        if (name == null) {
            throw new IllegalArgumentException(field + " must be a Kafka topic name, got null");
        }
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " must be a Kafka topic name of 1 to " + MAX_LENGTH
                    + " characters, got \"" + name + "\" (" + name.length() + " characters)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(field + " must be a Kafka topic name, got \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw new IllegalArgumentException(field + " must be a Kafka topic name of [a-zA-Z0-9._-], got \""
                        + name + "\" with '" + c + "' at index " + i);
            }
        }
        return name;
    }
}
