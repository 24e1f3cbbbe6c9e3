package org.industry4.twin.online;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.twin.dynamics.StateSpaceModel;

/**
 * Which telemetry frame feature feeds each model input, and which features measure model states
 * and outputs. Keys are model names, values frame feature names (for example
 * {@code "spindle_speed" -> "cnc-01/spindle/speed"}).
 *
 * @param inputs  every model input's feature; all model inputs must be mapped
 * @param states  the measured states' features; may be empty
 * @param outputs the measured outputs' features; may be empty
 */
public record TwinMapping(Map<String, String> inputs, Map<String, String> states, Map<String, String> outputs) {

    public TwinMapping {
        inputs = Map.copyOf(inputs);
        states = Map.copyOf(states);
        outputs = Map.copyOf(outputs);
        if (states.isEmpty() && outputs.isEmpty()) {
            throw new IllegalArgumentException("a twin mapping needs at least one measured state or output, got none");
        }
    }

    /**
     * The mapping in which every frame feature has the model's own name: all of the model's
     * inputs, and the given measured states and outputs.
     */
    public static TwinMapping identity(StateSpaceModel model, List<String> measuredStates, List<String> measuredOutputs) {
        Map<String, String> in = new LinkedHashMap<>();
        model.inputNames().forEach(n -> in.put(n, n));
        Map<String, String> st = new LinkedHashMap<>();
        measuredStates.forEach(n -> st.put(n, n));
        Map<String, String> out = new LinkedHashMap<>();
        measuredOutputs.forEach(n -> out.put(n, n));
        return new TwinMapping(in, st, out);
    }

    /**
     * Checks the mapping against a model.
     *
     * @throws IllegalArgumentException naming the model inputs that are not mapped, and any mapped
     *                                  input, state or output the model does not have
     */
    public void validate(StateSpaceModel model) {
        List<String> problems = new ArrayList<>();
        List<String> unmapped = model.inputNames().stream().filter(n -> !inputs.containsKey(n)).toList();
        if (!unmapped.isEmpty()) {
            problems.add("model inputs not mapped to a frame feature: " + unmapped);
        }
        unknown(inputs.keySet(), model.inputNames(), "inputs", problems);
        unknown(states.keySet(), model.stateNames(), "states", problems);
        unknown(outputs.keySet(), model.outputNames(), "outputs", problems);
        for (String s : states.keySet()) {
            if (outputs.containsKey(s)) {
                problems.add("name \"" + s + "\" is both a measured state and a measured output");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("twin mapping does not fit the model: " + String.join("; ", problems));
        }
    }

    private static void unknown(java.util.Set<String> mapped, List<String> have, String what, List<String> problems) {
        List<String> bad = mapped.stream().filter(n -> !have.contains(n)).sorted().toList();
        if (!bad.isEmpty()) {
            problems.add("mapped " + what + " the model does not have: " + bad + " (model " + what + ": " + have + ")");
        }
    }

    /**
     * Checks that a frame schema holds every mapped feature.
     *
     * @throws IllegalArgumentException naming the missing features
     */
    public void requireFeatures(FeatureSchema schema) {
        List<String> missing = new ArrayList<>();
        for (Map<String, String> m : List.of(inputs, states, outputs)) {
            m.values().stream().filter(f -> schema.indexOf(f) < 0).sorted().forEach(missing::add);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("telemetry frame lacks the mapped features " + missing
                    + "; the frame has " + schema.names());
        }
    }
}
