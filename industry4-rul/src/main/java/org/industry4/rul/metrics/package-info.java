/** Accuracy of remaining-useful-life predictions: RMSE, MAE, the PHM08 score and interval coverage. */
package org.industry4.rul.metrics;
