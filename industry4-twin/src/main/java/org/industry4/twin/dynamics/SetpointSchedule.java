package org.industry4.twin.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Piecewise-constant named inputs over a time horizon: at each switch time some inputs take new
 * values, the others keep theirs, until the end time.
 *
 * <p>Segment {@code i} holds on {@code [switchTimes[i], switchTimes[i + 1])}; at a switch time
 * the new values apply. The first switch time is the start of the schedule and must set every
 * input; later switches may change any subset, but only of those inputs. Values must be finite.
 * Immutable.
 *
 * <pre>{@code
 * SetpointSchedule s = SetpointSchedule.builder()
 *         .at(0, Map.of("spindle_speed", 6000.0, "load", 0.5, "ambient_temp", 20.0, "coolant", 0.0))
 *         .at(1800, Map.of("spindle_speed", 8000.0))
 *         .until(3600)
 *         .build();
 * }</pre>
 */
public final class SetpointSchedule {

    private final List<String> inputNames;
    private final double[] switchTimes;
    private final double[][] values; // [segment][input]
    private final double endTime;

    private SetpointSchedule(List<String> inputNames, double[] switchTimes, double[][] values, double endTime) {
        this.inputNames = inputNames;
        this.switchTimes = switchTimes;
        this.values = values;
        this.endTime = endTime;
    }

    /** A builder for a schedule. */
    public static Builder builder() {
        return new Builder();
    }

    /** A schedule that holds {@code values} from time {@code start} to {@code end}. */
    public static SetpointSchedule constant(Map<String, Double> values, double start, double end) {
        return builder().at(start, values).until(end).build();
    }

    /** The input names the schedule sets, in its column order (sorted). */
    public List<String> inputNames() {
        return inputNames;
    }

    /** The start time, seconds. */
    public double startTime() {
        return switchTimes[0];
    }

    /** The end time, seconds. */
    public double endTime() {
        return endTime;
    }

    /** The switch times (segment starts), the first being {@link #startTime()}. */
    public double[] switchTimes() {
        return switchTimes.clone();
    }

    /** The number of constant segments. */
    public int segmentCount() {
        return switchTimes.length;
    }

    /** The index of the segment holding at {@code t}: the last one whose start is at or before {@code t}. */
    public int segmentAt(double t) {
        if (!(t >= switchTimes[0] && t <= endTime)) {
            throw new IllegalArgumentException("time " + t + " is outside the schedule [" + switchTimes[0]
                    + ", " + endTime + "]");
        }
        int i = Arrays.binarySearch(switchTimes, t);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * The value of {@code input} at time {@code t}.
     *
     * @throws IllegalArgumentException if the schedule has no such input or {@code t} is outside it
     */
    public double valueAt(double t, String input) {
        return values[segmentAt(t)][column(input)];
    }

    /** The values of segment {@code segment}, in the order of {@code names} (checked by {@link #requireInputs}). */
    public double[] segmentValues(int segment, List<String> names) {
        Objects.checkIndex(segment, switchTimes.length);
        double[] out = new double[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[segment][column(names.get(i))];
        }
        return out;
    }

    /** The values at time {@code t}, in the order of {@code names}. */
    public double[] valuesAt(double t, List<String> names) {
        return segmentValues(segmentAt(t), names);
    }

    /**
     * Checks that this schedule sets exactly the given inputs (typically a model's
     * {@link StateSpaceModel#inputNames()}).
     *
     * @throws IllegalArgumentException naming the inputs the model needs that the schedule lacks,
     *                                  and the ones it sets that the model does not know
     */
    public void requireInputs(List<String> names) {
        List<String> missing = names.stream().filter(n -> !inputNames.contains(n)).toList();
        List<String> unknown = inputNames.stream().filter(n -> !names.contains(n)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            StringBuilder msg = new StringBuilder("schedule inputs do not match the model inputs " + names + ":");
            if (!missing.isEmpty()) {
                msg.append(" missing ").append(missing);
            }
            if (!unknown.isEmpty()) {
                msg.append(missing.isEmpty() ? "" : ";").append(" unknown ").append(unknown);
            }
            throw new IllegalArgumentException(msg.toString());
        }
    }

    /** A copy in which {@code input} has the value {@code value} over the whole horizon. */
    public SetpointSchedule withConstant(String input, double value) {
        int c = column(input);
        requireFinite(input, value, switchTimes[0]);
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
            copy[i][c] = value;
        }
        return new SetpointSchedule(inputNames, switchTimes, copy, endTime);
    }

    /** A copy whose end time is {@code end}; switch times at or after it are dropped. */
    public SetpointSchedule withEnd(double end) {
        if (!(end > switchTimes[0]) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("end time must be finite and after the start " + switchTimes[0]
                    + ", got " + end);
        }
        int n = 0;
        while (n < switchTimes.length && switchTimes[n] < end) {
            n++;
        }
        return new SetpointSchedule(inputNames, Arrays.copyOf(switchTimes, n), Arrays.copyOf(values, n), end);
    }

    private int column(String input) {
        int c = inputNames.indexOf(input);
        if (c < 0) {
            throw new IllegalArgumentException("unknown input \"" + input + "\"; the schedule sets " + inputNames);
        }
        return c;
    }

    private static void requireFinite(String input, double value, double t) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of input " + input + " at t=" + t + " must be finite, got "
                    + value);
        }
    }

    @Override
    public String toString() {
        return "SetpointSchedule[inputs=" + inputNames + ", switches=" + Arrays.toString(switchTimes) + ", end="
                + endTime + "]";
    }

    /** Builds a {@link SetpointSchedule}; switch times must be given in increasing order. */
    public static final class Builder {
        private final List<Double> times = new ArrayList<>();
        private final List<Map<String, Double>> changes = new ArrayList<>();
        private double end = Double.NaN;

        private Builder() {
        }

        /**
         * From time {@code t} on, the given inputs take the given values. The first call sets the
         * start time and every input.
         *
         * @throws IllegalArgumentException for a non-finite or non-increasing time, a non-finite value,
         *                                  or (after the first call) an input the first call did not set
         */
        public Builder at(double t, Map<String, Double> values) {
            Objects.requireNonNull(values, "values");
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("switch time must be finite, got " + t);
            }
            if (!times.isEmpty() && !(t > times.get(times.size() - 1))) {
                throw new IllegalArgumentException("switch times must increase: " + t + " follows "
                        + times.get(times.size() - 1));
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a switch at t=" + t + " must set at least one input");
            }
            for (Map.Entry<String, Double> e : values.entrySet()) {
                Objects.requireNonNull(e.getKey(), "input name");
                Objects.requireNonNull(e.getValue(), () -> "value of input " + e.getKey());
                requireFinite(e.getKey(), e.getValue(), t);
                if (!changes.isEmpty() && !changes.get(0).containsKey(e.getKey())) {
                    throw new IllegalArgumentException("input \"" + e.getKey() + "\" set at t=" + t
                            + " was not set at the start; the schedule's inputs are " + new TreeSet<>(changes.get(0).keySet()));
                }
            }
            times.add(t);
            changes.add(new LinkedHashMap<>(values));
            return this;
        }

        /** From time {@code t} on, {@code input} takes {@code value}. */
        public Builder at(double t, String input, double value) {
            if (!times.isEmpty() && t == times.get(times.size() - 1)) {
                Map<String, Double> last = changes.get(changes.size() - 1);
                Objects.requireNonNull(input, "input");
                requireFinite(input, value, t);
                if (changes.size() > 1 && !changes.get(0).containsKey(input)) {
                    throw new IllegalArgumentException("input \"" + input + "\" set at t=" + t
                            + " was not set at the start; the schedule's inputs are " + new TreeSet<>(changes.get(0).keySet()));
                }
                last.put(input, value);
                return this;
            }
            return at(t, Map.of(input, value));
        }

        /** The end of the horizon; must be after the last switch time. */
        public Builder until(double end) {
            this.end = end;
            return this;
        }

        /**
         * The schedule.
         *
         * @throws IllegalArgumentException if no switch was given or the end time is missing or not
         *                                  after the last switch
         */
        public SetpointSchedule build() {
            if (times.isEmpty()) {
                throw new IllegalArgumentException("a schedule needs at least one switch (the start), got none");
            }
            double last = times.get(times.size() - 1);
            if (!Double.isFinite(end) || !(end > last)) {
                throw new IllegalArgumentException("end time must be finite and after the last switch time " + last
                        + ", got " + end);
            }
            List<String> names = List.copyOf(new TreeSet<>(changes.get(0).keySet()));
            double[] t = new double[times.size()];
            double[][] v = new double[times.size()][names.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = times.get(i);
                if (i > 0) {
                    v[i] = v[i - 1].clone();
                }
                for (Map.Entry<String, Double> e : changes.get(i).entrySet()) {
                    v[i][names.indexOf(e.getKey())] = e.getValue();
                }
            }
            return new SetpointSchedule(names, t, v, end);
        }
    }
}
