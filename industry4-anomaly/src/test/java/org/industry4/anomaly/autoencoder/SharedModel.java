package org.industry4.anomaly.autoencoder;

/**
 * One autoencoder trained with the default options on {@link ManifoldData}, shared by the test
 * classes that only score (training takes seconds).
 */
final class SharedModel {

    static final int TRAINING_ROWS = 1500;
    private static AutoencoderModel model;

    private SharedModel() {
    }

    static synchronized AutoencoderModel manifold() {
        if (model == null) {
            model = new AutoencoderTrainer().fit(ManifoldData.normal(TRAINING_ROWS, 1), ManifoldData.SCHEMA);
        }
        return model;
    }
}
