package org.industry4.twin.sim;

/**
 * The parameters of the CNC thermal deformation law
 * {@code growth(t) = alpha L dT (1 - exp(-t / tau))} for a step of the temperature rise {@code dT}.
 *
 * <p>Defaults ({@link #defaults()}): a steel column or ball-screw axis, {@code alpha} = 11.5e-6 /K,
 * {@code L} = 500 mm (5.75 micrometres per kelvin), {@code tau} = 1200 s (20 min).
 *
 * @param expansion    {@code alpha}, 1/K; &gt; 0
 * @param length       {@code L}, mm; &gt; 0
 * @param timeConstant {@code tau}, s; &gt; 0
 */
public record CncThermalParameters(double expansion, double length, double timeConstant) {

    public CncThermalParameters {
        SpindleThermalParameters.positive("expansion", expansion);
        SpindleThermalParameters.positive("length", length);
        SpindleThermalParameters.positive("timeConstant", timeConstant);
    }

    /** The defaults described above. */
    public static CncThermalParameters defaults() {
        return new CncThermalParameters(11.5e-6, 500, 1200);
    }

    /** Micrometres of growth per kelvin of structure temperature rise: {@code alpha L 1000}. */
    public double growthPerKelvin() {
        return expansion * length * 1000;
    }

    /** The closed form {@code alpha L dT (1 - exp(-t/tau))} in micrometres, from rest at t = 0. */
    public double analyticGrowth(double tempRise, double t) {
        return growthPerKelvin() * tempRise * (1 - Math.exp(-t / timeConstant));
    }
}
