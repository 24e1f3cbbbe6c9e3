package org.industry4.kafka;

/** Checks of Kafka topic and store names, with a message naming the field and the value. */
public final class TopicNames {

    private TopicNames() {
    }

    /** Kafka's rule: 1 to 249 characters of ASCII letters, digits, '.', '_' and '-', not "." or "..". */
    public static String require(String field, String name) {
        if (name == null) {
            throw new NullPointerException(field);
        }
        if (name.isEmpty() || name.length() > 249 || name.equals(".") || name.equals("..")
                || !name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_'
                || c == '-'))) {
            throw new IllegalArgumentException(field + " must be a Kafka topic name (1 to 249 of [a-zA-Z0-9._-]),"
                    + " got \"" + name + "\"");
        }
        return name;
    }
}
