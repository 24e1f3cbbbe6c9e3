package org.industry4.vision.features;

/**
 * Settings of an {@link OnnxFeatureExtractor}.
 *
 * @param intraOpThreads threads ONNX Runtime may use inside one operator; 0 leaves ONNX Runtime's
 *                       default (one per physical core)
 * @param inputName      the model input to feed, or {@code null} for the model's only input
 */
public record OnnxExtractorOptions(int intraOpThreads, String inputName) {

    /**
     * @throws IllegalArgumentException if {@code intraOpThreads} is negative or {@code inputName} is blank
     */
    public OnnxExtractorOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "intraOpThreads must be >= 0 (0 = ONNX Runtime's default), got " + intraOpThreads);
        }
        if (inputName != null && inputName.isBlank()) {
            throw new IllegalArgumentException(
                    "inputName must be null (the model's only input) or a name, got \"" + inputName + "\"");
        }
    }

    /** ONNX Runtime's default thread count and the model's only input. */
    public OnnxExtractorOptions() {
        this(0, null);
    }

    /** These options with {@code intraOpThreads} replaced. */
    public OnnxExtractorOptions withIntraOpThreads(int threads) {
        return new OnnxExtractorOptions(threads, inputName);
    }

    /** These options with {@code inputName} replaced. */
    public OnnxExtractorOptions withInputName(String name) {
        return new OnnxExtractorOptions(intraOpThreads, name);
    }
}
