package org.industry4.twin.whatif;

import java.util.Objects;
import org.industry4.twin.dynamics.Adaptive;
import org.industry4.twin.dynamics.Integrator;

/**
 * How a what-if simulation samples and integrates.
 *
 * @param samples    the number of sample intervals over the schedule's horizon (sample interval
 *                   = horizon / samples); 1 .. 10,000,000
 * @param integrator the integration method
 */
public record WhatIfOptions(int samples, Integrator integrator) {

    public WhatIfOptions {
        Objects.requireNonNull(integrator, "integrator");
        if (samples < 1 || samples > 10_000_000) {
            throw new IllegalArgumentException("samples must be in 1 .. 10,000,000, got " + samples);
        }
    }

    /** 1000 samples over the horizon, adaptive Dormand-Prince integration with tolerances 1e-8. */
    public WhatIfOptions() {
        this(1000, new Adaptive(1e-8, 1e-8, 1e-9, 1e9));
    }

    /** A copy with this number of samples. */
    public WhatIfOptions withSamples(int samples) {
        return new WhatIfOptions(samples, integrator);
    }

    /** A copy with this integrator. */
    public WhatIfOptions withIntegrator(Integrator integrator) {
        return new WhatIfOptions(samples, integrator);
    }
}
