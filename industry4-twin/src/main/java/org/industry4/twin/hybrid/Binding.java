package org.industry4.twin.hybrid;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where an {@link Expr} finds the values of its named inputs and parameters: the position of each
 * name in the {@code inputs} and {@code params} arrays passed to {@link Expr#evaluate}.
 *
 * @param inputNames the names of the input array's entries, in order; no duplicates
 * @param paramNames the names of the parameter array's entries, in order; no duplicates
 */
public record Binding(List<String> inputNames, List<String> paramNames) {

    public Binding {
        inputNames = List.copyOf(Objects.requireNonNull(inputNames, "inputNames"));
        paramNames = List.copyOf(Objects.requireNonNull(paramNames, "paramNames"));
        index(inputNames, "input");
        index(paramNames, "parameter");
    }

    private static Map<String, Integer> index(List<String> names, String what) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (index.put(names.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate " + what + " name \"" + names.get(i) + "\"");
            }
        }
        return index;
    }

    /**
     * The position of input {@code name}.
     *
     * @throws IllegalArgumentException if no input has that name
     */
    public int inputIndex(String name) {
        int i = inputNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown input \"" + name + "\"; inputs are " + inputNames);
        }
        return i;
    }

    /**
     * The position of parameter {@code name}.
     *
     * @throws IllegalArgumentException if no parameter has that name
     */
    public int paramIndex(String name) {
        int i = paramNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown parameter \"" + name + "\"; parameters are " + paramNames);
        }
        return i;
    }
}
