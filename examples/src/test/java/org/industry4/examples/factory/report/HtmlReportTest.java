package org.industry4.examples.factory.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class HtmlReportTest {

    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    @Test
    void everySectionIsInTheTableOfContentsWithAMatchingAnchor() {
        String html = SampleReport.build().render();
        String toc = html.substring(html.indexOf("<nav class=\"toc\""), html.indexOf("</nav>"));
        Matcher links = Pattern.compile("<a href=\"#([^\"]+)\">([^<]+)</a>").matcher(toc);
        List<String> headings = new ArrayList<>();
        while (links.find()) {
            headings.add(links.group(2));
            assertTrue(html.contains("<section id=\"" + links.group(1) + "\">\n<h2>" + links.group(2) + "</h2>"),
                    "anchor " + links.group(1));
        }
        assertEquals(List.of("Sensor traces", "Anomaly scores", "Remaining useful life", "Thermal twin", "KPIs",
                "AGV route", "Defect heat maps"), headings);
        assertEquals(7, count(html, "<section id=\""));
        assertEquals(7, count(html, "</section>"));
    }

    @Test
    void rendersChartsImagesAndTheRouteMapInline() {
        String html = SampleReport.build().render();
        assertEquals(4, count(html, "<figure class=\"chart\"><svg"));
        assertEquals(5, count(html, "<svg"), "4 charts and the route map");
        String expected = "data:image/png;base64," + Base64.getEncoder().encodeToString(SampleReport.heatMap(96, 1));
        assertTrue(html.contains("src=\"" + expected + "\""));
        assertEquals(4, count(html, "src=\"data:image/png;base64,"));
        assertEquals(4, count(html, "<img class=\"small\""), "heat maps up to 256 px are scaled without smoothing");
        assertTrue(html.contains("<figcaption>part 17: scratch</figcaption>"));
        assertFalse(html.contains("<?xml"), "route map prolog stripped");
        assertFalse(html.contains("<!DOCTYPE svg"), "route map DOCTYPE stripped");
        assertTrue(html.contains("<title>AGV tour: cost 412.50, 2 routes</title>"));
        assertTrue(html.contains("<p class=\"subtitle\">cnc-01 &lt;shift A&gt; &amp; the AGV fleet</p>"));
        assertTrue(html.contains("<time datetime=\"2025-06-02T10:05:00Z\">2025-06-02 10:05:00 UTC</time>"));
    }

    @Test
    void thePageIsSelfContained() {
        String html = SampleReport.build().render();
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("@import"));
        String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutNamespace.contains("http://"), "no network reference");
        assertFalse(withoutNamespace.contains("https://"), "no network reference");
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    }

    @Test
    void everySvgFragmentIsWellFormedXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder parser = factory.newDocumentBuilder();
        Matcher fragments = SVG.matcher(SampleReport.build().render());
        int parsed = 0;
        while (fragments.find()) {
            Document doc = parser.parse(new ByteArrayInputStream(fragments.group().getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getLocalName());
            assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
            parsed++;
        }
        assertEquals(5, parsed);
    }

    @Test
    void scriptInAParagraphOrATableCellIsEscaped() {
        String html = HtmlReport.titled("t")
                .paragraph("<script>alert('p')</script>")
                .table(List.of("<script>h</script>"), List.of(List.of("<script>alert(1)</script> & \"x\"")))
                .render();
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("<p>&lt;script&gt;alert(&#39;p&#39;)&lt;/script&gt;</p>"));
        assertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</td>"));
        assertTrue(html.contains("<th>&lt;script&gt;h&lt;/script&gt;</th>"));
    }

    @Test
    void numericLookingCellsAreRightAligned() {
        String html = SampleReport.build().render();
        for (String numeric : List.of("3.0 min", "0", "92 %", "1,234", "-0.4 %")) {
            assertTrue(html.contains("<td class=\"num\">" + numeric + "</td>"), numeric);
        }
        for (String text : List.of("detection delay", "&lt; 5 min", "n/a")) {
            assertTrue(html.contains("<td>" + text + "</td>"), text);
        }
        assertTrue(html.contains("<th class=\"num\">value</th>"), "all-numeric column");
        assertTrue(html.contains("<th>target</th>"), "a column with text");
        assertFalse(HtmlReport.numeric("cnc-01"));
        assertFalse(HtmlReport.numeric("2025-06-02"));
        assertTrue(HtmlReport.numeric("4739 rpm"));
        assertTrue(HtmlReport.numeric("1.5e-3"));
    }

    @Test
    void aRowOfTheWrongLengthIsRejectedByNumber() {
        HtmlReport report = HtmlReport.titled("t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> report.table(List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))));
        assertEquals("table row 1 has 1 cells, expected 2 (one per header)", e.getMessage());
    }

    @Test
    void aNonPngImageIsRejectedNamingTheFile(@TempDir Path dir) throws Exception {
        Path jpeg = dir.resolve("heat-map.jpg");
        Files.write(jpeg, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F',
            0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0});
        HtmlReport report = HtmlReport.titled("t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> report.image(jpeg, "x"));
        assertTrue(e.getMessage().contains(jpeg.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a PNG"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> report.image(new byte[] {1, 2, 3}, "x"));
        Path png = dir.resolve("ok.png");
        Files.write(png, SampleReport.heatMap(8, 1));
        assertTrue(report.image(png, "ok").render().contains("width=\"8\" height=\"8\""));
    }

    @Test
    void svgMarkupWithScriptOrEventAttributesIsRejected() {
        HtmlReport report = HtmlReport.titled("t");
        List<String> rejected = List.of(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><SCRIPT>alert(1)</SCRIPT></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect ONCLICK = 'x()'/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/onmouseover=\"x()\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"http://evil/x.png\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(http://evil/p)\"/></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><div/></foreignObject></svg>",
                "<div>not svg</div>");
        for (String markup : rejected) {
            assertThrows(IllegalArgumentException.class, () -> report.svg(markup, "c"), markup);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> report.svg("<svg><g onclick=\"x()\"/></svg>", "c"));
        assertEquals("svg markup must not contain event attributes, got onclick= in \"<g onclick=\"x()\"/>\"",
                e.getMessage());
        // text that merely reads like an attribute, and internal links, are fine
        String ok = report.svg("<!-- map --><svg xmlns=\"http://www.w3.org/2000/svg\"><text>done = 3</text>"
                + "<use href=\"#route-1\"/></svg>", "c").render();
        assertTrue(ok.contains("<figure class=\"embedded-svg\"><svg xmlns"));
    }

    @Test
    void writeIsAtomicLeavesNoTempFileAndOverwrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report").resolve("index.html");
        HtmlReport.titled("first").write(file);
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("<h1>first</h1>"));
        Path written = HtmlReport.titled("second – µm °C").write(file);
        assertEquals(file, written);
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("<h1>second – µm °C</h1>"));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "only the page, no temporary file");
        }
    }

    @Test
    void blankTitlesAndHeadingsAreRejectedByName() {
        assertEquals("title must not be blank, got \" \"",
                assertThrows(IllegalArgumentException.class, () -> HtmlReport.titled(" ")).getMessage());
        assertEquals("section heading must not be blank, got null",
                assertThrows(IllegalArgumentException.class, () -> HtmlReport.titled("t").section(null)).getMessage());
    }

    @Test
    void aReportWithoutSectionsHasNoTableOfContents() {
        String html = HtmlReport.titled("t").generatedAt(Instant.EPOCH).paragraph("p").render();
        assertFalse(html.contains("<nav"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
