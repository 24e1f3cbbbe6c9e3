/** Pictures of solutions: {@link org.industry4.routing.map.RouteMap} writes an SVG route map. */
package org.industry4.routing.map;
