/**
 * Google OR-Tools' routing solver behind {@link org.industry4.routing.RoutingSolver}:
 * {@link org.industry4.routing.ortools.OrToolsSolver} configured by
 * {@link org.industry4.routing.ortools.OrToolsOptions}.
 */
package org.industry4.routing.ortools;
