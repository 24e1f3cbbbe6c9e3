/**
 * Run-to-failure data for remaining-useful-life models: the NASA C-MAPSS reader, synthetic engines
 * with a known degradation law, preprocessing fitted on training engines only (per operating
 * condition when asked), RUL targets, fixed-length windows per engine and seeded engine splits.
 */
package org.industry4.rul.data;
