package org.industry4.kafka.mqtt;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.industry4.kafka.TopicNames;

/**
 * Which Kafka topic a bridged MQTT message goes to, chosen by the MQTT topic's last level
 * ({@code alarm}, {@code rul}, {@code setpoint}, {@code kpi}, {@code inspection} or {@code route}).
 *
 * <ul>
 *   <li>{@link #perLevel(String) perLevel("industry4")} (the default): one Kafka topic per last
 *       level, {@code industry4.alarm}, {@code industry4.rul}, {@code industry4.setpoint},
 *       {@code industry4.kpi} (plant and machine KPIs), {@code industry4.inspection} and
 *       {@code industry4.route};</li>
 *   <li>{@link #single(String) single("factory-events")}: every message to one topic; the
 *       {@code mqtt.topic} header tells them apart.</li>
 * </ul>
 */
public sealed interface KafkaTopicMapping permits KafkaTopicMapping.PerLevel, KafkaTopicMapping.Single {

    /** The Kafka topic for a message whose MQTT topic ends with {@code lastLevel}. */
    String topicFor(String lastLevel);

    /** Every Kafka topic this mapping can choose, sorted. */
    Set<String> topics();

    /** {@code prefix.<last level>}; the default prefix is {@code industry4}. */
    static KafkaTopicMapping perLevel(String prefix) {
        return new PerLevel(prefix);
    }

    /** Every message to {@code topic}. */
    static KafkaTopicMapping single(String topic) {
        return new Single(topic);
    }

    /**
     * One Kafka topic per last MQTT level: {@code prefix + "." + lastLevel}.
     *
     * @param prefix a legal Kafka topic name, short enough for {@code prefix.inspection}
     */
    record PerLevel(String prefix) implements KafkaTopicMapping {

        /** The last levels of the topic layout, each of which gets a Kafka topic. */
        static final Set<String> LAST_LEVELS = Set.of("alarm", "rul", "setpoint", "kpi", "inspection", "route");

        public PerLevel {
            TopicNames.require("prefix", prefix);
            if (prefix.length() + ".inspection".length() > TopicNames.MAX_LENGTH) {
                throw new IllegalArgumentException("prefix \"" + prefix + "\" is " + prefix.length()
                        + " characters; at most " + (TopicNames.MAX_LENGTH - ".inspection".length())
                        + " leave room for \".inspection\" in a Kafka topic name");
            }
        }

        @Override
        public String topicFor(String lastLevel) {
            return prefix + "." + lastLevel;
        }

        @Override
        public Set<String> topics() {
            Set<String> topics = new TreeSet<>();
            LAST_LEVELS.forEach(level -> topics.add(topicFor(level)));
            return Collections.unmodifiableSet(topics);
        }
    }

    /**
     * Every message to one Kafka topic.
     *
     * @param topic a legal Kafka topic name
     */
    record Single(String topic) implements KafkaTopicMapping {

        public Single {
            TopicNames.require("topic", topic);
        }

        @Override
        public String topicFor(String lastLevel) {
            return topic;
        }

        @Override
        public Set<String> topics() {
            return Set.of(topic);
        }
    }
}
