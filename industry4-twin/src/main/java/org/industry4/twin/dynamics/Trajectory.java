package org.industry4.twin.dynamics;

import java.util.List;
import java.util.Objects;

/**
 * A simulated (or measured) trajectory: states, inputs and outputs at sample times.
 * Arrays are deep-copied in and out, so a trajectory is immutable.
 *
 * @param times      sample times in seconds, increasing
 * @param states     {@code states[k]} is the state at {@code times[k]}
 * @param inputs     {@code inputs[k]} is the input in force at {@code times[k]}
 * @param outputs    {@code outputs[k]} is the output at {@code times[k]}
 * @param stateNames the state names, one per state column
 * @param inputNames the input names
 * @param outputNames the output names
 */
public record Trajectory(double[] times, double[][] states, double[][] inputs, double[][] outputs,
                         List<String> stateNames, List<String> inputNames, List<String> outputNames) {

    public Trajectory {
        Objects.requireNonNull(times, "times");
        stateNames = List.copyOf(stateNames);
        inputNames = List.copyOf(inputNames);
        outputNames = List.copyOf(outputNames);
        times = times.clone();
        states = copy(states, times.length, stateNames.size(), "states");
        inputs = copy(inputs, times.length, inputNames.size(), "inputs");
        outputs = copy(outputs, times.length, outputNames.size(), "outputs");
        for (int k = 1; k < times.length; k++) {
            if (!(times[k] > times[k - 1])) {
                throw new IllegalArgumentException("times must increase: times[" + k + "]=" + times[k]
                        + " follows " + times[k - 1]);
            }
        }
    }

    private static double[][] copy(double[][] a, int rows, int cols, String what) {
        Objects.requireNonNull(a, what);
        if (a.length != rows) {
            throw new IllegalArgumentException("expected " + rows + " rows of " + what + ", got " + a.length);
        }
        double[][] out = new double[rows][];
        for (int k = 0; k < rows; k++) {
            if (a[k].length != cols) {
                throw new IllegalArgumentException("expected " + cols + " " + what + " in row " + k + ", got "
                        + a[k].length);
            }
            out[k] = a[k].clone();
        }
        return out;
    }

    /** The number of samples. */
    public int size() {
        return times.length;
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public double[][] states() {
        return copy(states, states.length, stateNames.size(), "states");
    }

    @Override
    public double[][] inputs() {
        return copy(inputs, inputs.length, inputNames.size(), "inputs");
    }

    @Override
    public double[][] outputs() {
        return copy(outputs, outputs.length, outputNames.size(), "outputs");
    }

    /** The time of sample {@code k}. */
    public double time(int k) {
        return times[k];
    }

    /** The series of the named state. */
    public double[] state(String name) {
        return column(states, index(stateNames, name, "state"));
    }

    /** The series of the named input. */
    public double[] input(String name) {
        return column(inputs, index(inputNames, name, "input"));
    }

    /** The series of the named output. */
    public double[] output(String name) {
        return column(outputs, index(outputNames, name, "output"));
    }

    /** The state at the last sample. */
    public double[] finalState() {
        return states[states.length - 1].clone();
    }

    private static int index(List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown " + what + " \"" + name + "\"; the trajectory has " + names);
        }
        return i;
    }

    private static double[] column(double[][] a, int c) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k][c];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trajectory t && java.util.Arrays.equals(times, t.times)
                && java.util.Arrays.deepEquals(states, t.states) && java.util.Arrays.deepEquals(inputs, t.inputs)
                && java.util.Arrays.deepEquals(outputs, t.outputs) && stateNames.equals(t.stateNames)
                && inputNames.equals(t.inputNames) && outputNames.equals(t.outputNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(times), java.util.Arrays.deepHashCode(states),
                java.util.Arrays.deepHashCode(outputs), stateNames, outputNames);
    }

    @Override
    public String toString() {
        return "Trajectory[" + times.length + " samples, t=" + (times.length == 0 ? "[]" : "[" + times[0] + ", "
                + times[times.length - 1] + "]") + ", states=" + stateNames + ", inputs=" + inputNames + ", outputs="
                + outputNames + "]";
    }
}
