/**
 * Remaining useful life (RUL): run-to-failure histories (NASA C-MAPSS and the simulated machine),
 * preprocessing fitted on training engines only, sliding windows per engine, a stacked LSTM or a
 * 1-D CNN trained with DeepLearning4J, split-conformal prediction intervals, RMSE / MAE / PHM08
 * metrics, and an online estimator per asset.
 */
package org.industry4.rul;
