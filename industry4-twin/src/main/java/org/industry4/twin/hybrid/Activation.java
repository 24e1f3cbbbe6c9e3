package org.industry4.twin.hybrid;

/**
 * The activation of the correction network's hidden layers ({@link HybridOptions#activation()}).
 * The output layer is always linear.
 *
 * <p>The choice matters outside the training data: a tanh network saturates there, so its
 * correction levels off to a constant; softplus and ReLU networks continue linearly beyond the
 * data (Xu et al., "How neural networks extrapolate", ICLR 2021), so a correction that grows with
 * an input keeps growing. Inside the data all three fit about equally well.
 */
public enum Activation {

    /** {@code tanh(x)}: smooth and bounded; saturates outside the data. The default. */
    TANH,
    /**
     * {@code log(1 + exp(x))}: a smooth ReLU; extrapolates linearly beyond the data. Weights are
     * He-initialised.
     */
    SOFTPLUS,
    /**
     * {@code max(x, 0)}: piecewise linear; extrapolates linearly beyond the data. Weights are
     * He-initialised.
     */
    RELU;

    /** The activation of {@code x}, as the model evaluates it in Java. */
    double apply(double x) {
        return switch (this) {
            case TANH -> Math.tanh(x);
            // Stable for large |x|: log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)).
            case SOFTPLUS -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            case RELU -> Math.max(x, 0);
        };
    }

    /**
     * The limit {@code a} of the uniform {@code [-a, a]} initial weights of a hidden layer with
     * {@code in} inputs and {@code out} outputs: Glorot ({@code sqrt(6 / (in + out))}) for tanh, He
     * ({@code sqrt(6 / in)}) for softplus and ReLU.
     */
    double initLimit(int in, int out) {
        return this == TANH ? Math.sqrt(6.0 / (in + out)) : Math.sqrt(6.0 / in);
    }
}
