/**
 * MQTT publishing for the closed-loop factory demo: what it decides and measures goes to an MQTT
 * broker so that a SCADA system or a dashboard can subscribe. The demo starts an
 * {@link org.industry4.examples.factory.mqtt.EmbeddedMqttBroker} on {@code 127.0.0.1} by default,
 * or publishes to any broker by URL through an {@link org.industry4.examples.factory.mqtt.MqttPublisher}
 * (QoS 1, never blocking the analytics). Topics come from
 * {@link org.industry4.examples.factory.mqtt.FactoryTopics}; payloads are JSON objects written with
 * {@link org.industry4.examples.factory.mqtt.Json}, UTF-8, field names in snake_case, times as
 * ISO-8601 UTC strings, numbers as JSON numbers (never NaN), {@code null} where a value is unknown.
 *
 * <h2>Topics and payloads</h2>
 * All topics are under {@code industry4/<plant>}; the plant id defaults to {@code demo-plant}.
 * Subscribe to {@code industry4/demo-plant/#} for everything, or {@code industry4/demo-plant/+/alarm}
 * for every machine's alarms.
 *
 * <table>
 *   <caption>Topics</caption>
 *   <tr><th>topic</th><th>what</th><th>retained</th></tr>
 *   <tr><td>{@code industry4/<plant>/<machine>/alarm}</td><td>alarm start and end events</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/<machine>/rul}</td><td>remaining-useful-life estimates</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/<machine>/setpoint}</td><td>setpoint writes and their status</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/<machine>/kpi}</td><td>one machine's KPIs</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/quality/inspection}</td><td>visual inspection results</td><td>no</td></tr>
 *   <tr><td>{@code industry4/<plant>/kpi}</td><td>plant KPIs</td><td>yes</td></tr>
 *   <tr><td>{@code industry4/<plant>/maintenance/route}</td><td>the maintenance route</td><td>no</td></tr>
 * </table>
 *
 * <p>Alarm start and end ({@code .../cnc-02/alarm}); {@code chart} is {@code T2} or {@code Q},
 * {@code fault_class} and {@code fault_probability} are {@code null} until the fault classifier has
 * an answer:
 * <pre>
 * {"event":"start","machine":"cnc-02","time":"2024-05-01T10:15:30.250Z","score":27.4,"threshold":12.6,
 *  "chart":"Q","top_contributor":"vibration_rms","fault_class":"bearing","fault_probability":0.91}
 * {"event":"end","machine":"cnc-02","time":"2024-05-01T10:16:12.750Z","score":9.8,"threshold":12.6,
 *  "chart":"Q","top_contributor":"vibration_rms","fault_class":"bearing","fault_probability":0.91}
 * </pre>
 *
 * <p>Remaining useful life ({@code .../cnc-02/rul}), with its 90 % interval:
 * <pre>
 * {"machine":"cnc-02","time":"2024-05-01T10:17:00Z","rul_minutes":37.5,"lower":29,"upper":46}
 * </pre>
 *
 * <p>Setpoint write ({@code .../cnc-02/setpoint}); {@code status} is {@code requested},
 * {@code written}, {@code rejected} or {@code failed}:
 * <pre>
 * {"machine":"cnc-02","time":"2024-05-01T10:17:05Z","signal":"spindle_speed_rpm","old":5200,"new":4739,
 *  "status":"written"}
 * </pre>
 *
 * <p>Inspection ({@code industry4/<plant>/quality/inspection}):
 * <pre>
 * {"part_id":"part-000123","machine":"cnc-01","time":"2024-05-01T10:17:09.100Z","score":0.83,
 *  "threshold":0.61,"defective":true}
 * </pre>
 *
 * <p>KPIs, the plant's ({@code industry4/<plant>/kpi}, retained) or one machine's
 * ({@code .../cnc-02/kpi}, with {@code "machine"} in place of {@code "plant"}); ratios are
 * fractions in [0, 1]:
 * <pre>
 * {"plant":"demo-plant","time":"2024-05-01T10:20:00Z","availability":0.94,"performance":0.88,
 *  "quality":0.97,"oee":0.802,"fpy":0.96,"mtbf_min":182,"mttr_min":11.5,"unplanned_downtime_min":23,
 *  "energy_kwh_per_good_part":0.42}
 * </pre>
 *
 * <p>Maintenance route ({@code industry4/<plant>/maintenance/route}): the machines to visit, in order:
 * <pre>
 * {"time":"2024-05-01T10:21:00Z","stops":["cnc-02","press-01","cnc-05"],"distance_m":142.5,
 *  "duration_min":38}
 * </pre>
 */
package org.industry4.examples.factory.mqtt;
