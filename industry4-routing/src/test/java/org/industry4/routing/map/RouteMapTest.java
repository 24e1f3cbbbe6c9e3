package org.industry4.routing.map;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.Solution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class RouteMapTest {

    @TempDir
    Path dir;

    @Test
    void svgParsesAsXmlWithOnePathPerRoute() throws Exception {
        RoutingProblem p = RoutingProblem.builder("a<b>&c").depot(0, 0).customer(3, 4, 1).customer(-3, 4, 1)
                .customer(0, -5, 1).capacity(2).build();
        Solution s = new Solution(List.of(Route.of(1, 2), Route.of(3)), 20);
        Path f = dir.resolve("map.svg");
        RouteMap.writeSvg(p, s, f);
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(f.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals(2, doc.getElementsByTagName("path").getLength());
        assertEquals(3, doc.getElementsByTagName("circle").getLength());
        String title = doc.getElementsByTagName("title").item(0).getTextContent();
        assertEquals("a<b>&c: cost 20.00, 2 routes", title);
    }

    @Test
    void labelsAreDrawnEscapedBesideTheirNodesAndMustBeOnePerNode() throws Exception {
        RoutingProblem p = RoutingProblem.builder("sites").depot(0, 0).customer(3, 4, 1).customer(-3, 4, 1)
                .capacity(2).build();
        Solution s = new Solution(List.of(Route.of(1, 2)), 16);
        String svg = RouteMap.svg(p, s, java.util.Arrays.asList("store", "Hall <A>", null));
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var texts = doc.getElementsByTagName("text");
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            var t = (org.w3c.dom.Element) texts.item(i);
            if ("label".equals(t.getAttribute("class"))) {
                labels.add(t.getTextContent());
            }
        }
        assertEquals(List.of("store", "Hall <A>"), labels);
        assertEquals(RouteMap.svg(p, s), RouteMap.svg(p, s, null));
        assertEquals("labels must hold one per node (3), got 1", assertThrows(IllegalArgumentException.class,
                () -> RouteMap.svg(p, s, List.of("store"))).getMessage());
    }

    @Test
    void problemWithoutCoordinatesIsRejected() {
        RoutingProblem p = RoutingProblem.builder("m").distanceMatrix(new double[][] {{0, 1}, {1, 0}})
                .demands(new int[] {0, 1}).capacity(1).build();
        assertThrows(IllegalArgumentException.class,
                () -> RouteMap.svg(p, new Solution(List.of(Route.of(1)), 2)));
    }
}
