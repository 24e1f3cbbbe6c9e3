package org.industry4.twin.sim;

/**
 * The physical parameters of the first-order spindle thermal model
 * {@code C dT/dt = k_n n + k_l load n - h (1 + h_c coolant) (T - Ta)} with thermal growth
 * {@code alpha Ls (T - T_ref)}.
 *
 * <p>The defaults ({@link #defaults()}) describe a mid-size motor spindle: about 20 kg of steel
 * ({@code C} = 9200 J/K), a loss coefficient {@code h} = 10 W/K to the surrounding air (time
 * constant {@code C/h} = 920 s, about 15 min), speed-proportional heat {@code k_n} = 0.015 W/rpm
 * (120 W at 8000 rpm), load heat {@code k_l} = 0.01 W/rpm per unit load, coolant doubling the
 * loss ({@code h_c} = 1), steel expansion {@code alpha} = 11.5e-6 /K over an effective length of
 * {@code Ls} = 200 mm (2.3 micrometres per kelvin), reference temperature 20 C (ISO 1).
 *
 * @param heatCapacity  {@code C}, J/K; &gt; 0
 * @param speedHeat     {@code k_n}, W/rpm; &gt;= 0
 * @param loadHeat      {@code k_l}, W/rpm per unit load; &gt;= 0
 * @param heatLoss      {@code h}, W/K; &gt; 0
 * @param coolantFactor {@code h_c}: with coolant on the loss is {@code (1 + h_c)} times larger; &gt;= 0
 * @param expansion     {@code alpha}, 1/K; &gt; 0
 * @param length        {@code Ls}, mm; &gt; 0
 * @param referenceTemp {@code T_ref}, C, the temperature of zero growth; finite
 */
public record SpindleThermalParameters(double heatCapacity, double speedHeat, double loadHeat, double heatLoss,
                                       double coolantFactor, double expansion, double length,
                                       double referenceTemp) {

    public SpindleThermalParameters {
        positive("heatCapacity", heatCapacity);
        nonNegative("speedHeat", speedHeat);
        nonNegative("loadHeat", loadHeat);
        positive("heatLoss", heatLoss);
        nonNegative("coolantFactor", coolantFactor);
        positive("expansion", expansion);
        positive("length", length);
        if (!Double.isFinite(referenceTemp)) {
            throw new IllegalArgumentException("referenceTemp must be finite, got " + referenceTemp);
        }
    }

    /** The default mid-size spindle described above. */
    public static SpindleThermalParameters defaults() {
        return new SpindleThermalParameters(9200, 0.015, 0.01, 10, 1.0, 11.5e-6, 200, 20);
    }

    /** The thermal time constant {@code C/h} without coolant, seconds. */
    public double timeConstant() {
        return heatCapacity / heatLoss;
    }

    /** The growth per kelvin above the reference, micrometres: {@code alpha Ls 1000}. */
    public double growthPerKelvin() {
        return expansion * length * 1000;
    }

    /** A copy with this heat capacity. */
    public SpindleThermalParameters withHeatCapacity(double c) {
        return new SpindleThermalParameters(c, speedHeat, loadHeat, heatLoss, coolantFactor, expansion, length,
                referenceTemp);
    }

    /** A copy with this speed heat coefficient. */
    public SpindleThermalParameters withSpeedHeat(double kn) {
        return new SpindleThermalParameters(heatCapacity, kn, loadHeat, heatLoss, coolantFactor, expansion, length,
                referenceTemp);
    }

    static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
    }
}
