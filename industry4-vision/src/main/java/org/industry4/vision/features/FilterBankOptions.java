package org.industry4.vision.features;

/**
 * Settings of a {@link FilterBankExtractor}. The stride-8 map uses the Gaussian scales
 * {@code baseSigma * 2^k} and the stride-16 map {@code baseSigma * 2^(k+1)}, for
 * {@code k = 0 .. scalesPerMap-1}; each map has {@code 8 * scalesPerMap + 1} channels.
 *
 * @param baseSigma    the finest Gaussian scale in pixels, in [0.5, 16]
 * @param scalesPerMap the number of scales (octaves) per map, in [1, 4]
 */
public record FilterBankOptions(double baseSigma, int scalesPerMap) {

    /** @throws IllegalArgumentException if a value is out of its range */
    public FilterBankOptions {
        if (!(baseSigma >= 0.5 && baseSigma <= 16)) {
            throw new IllegalArgumentException("baseSigma must be in [0.5, 16] pixels, got " + baseSigma);
        }
        if (scalesPerMap < 1 || scalesPerMap > 4) {
            throw new IllegalArgumentException("scalesPerMap must be in [1, 4], got " + scalesPerMap);
        }
    }

    /** Scales 1, 2, 4 px for the stride-8 map and 2, 4, 8 px for the stride-16 map: 25 channels each. */
    public FilterBankOptions() {
        this(1.0, 3);
    }

    /** The Gaussian scales of the map at {@code level} (0: stride 8, 1: stride 16), finest first. */
    double[] scales(int level) {
        double[] s = new double[scalesPerMap];
        for (int k = 0; k < scalesPerMap; k++) {
            s[k] = baseSigma * Math.pow(2, k + level);
        }
        return s;
    }
}
