/**
 * Streaming alarms: {@link org.industry4.anomaly.alarm.AlarmFilter} turns a stream of anomaly
 * scores into alarm start and end events with k-of-n debouncing and hysteresis, so a noisy sensor
 * does not raise a thousand alarms. Settings are an {@link org.industry4.anomaly.alarm.AlarmOptions}
 * record; events are {@link org.industry4.anomaly.alarm.AlarmStarted} and
 * {@link org.industry4.anomaly.alarm.AlarmEnded}; a finished series gives
 * {@link org.industry4.anomaly.alarm.AlarmInterval}s.
 */
package org.industry4.anomaly.alarm;
