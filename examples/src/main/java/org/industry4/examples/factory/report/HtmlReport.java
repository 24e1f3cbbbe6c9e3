package org.industry4.examples.factory.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.industry4.core.AtomicFiles;

/**
 * Builds one self-contained HTML page: a header (title, subtitle, generation time), a table of contents
 * of the sections, then paragraphs, tables, {@link TimeSeriesChart charts}, embedded SVG documents and
 * PNG images in the order they were added. Styles are inline CSS, charts inline SVG, images base64
 * {@code data:} URIs; the page runs no script, loads nothing from the network (its Content-Security-Policy
 * forbids it) and needs no file beside it, and it prints cleanly.
 *
 * <p>Every text given is HTML-escaped. A builder: not thread-safe; {@link #render()} may be called any
 * number of times.
 *
 * <pre>{@code
 * Path page = HtmlReport.titled("Closed-loop factory demo")
 *         .subtitle("cnc-01, 2 h shift")
 *         .section("Sensor traces").chart(chart)
 *         .section("KPIs").table(List.of("KPI", "value"), rows)
 *         .write(folder.resolve("index.html"));
 * }</pre>
 */
public final class HtmlReport {

    private static final Pattern NUMERIC = Pattern.compile(
            "[+\\-\u2212]?(?:\\d[\\d,]*(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?(?:\\s?(?:%|[^\\s\\d]{1,5}))?");
    private static final DateTimeFormatter GENERATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String title;
    private String subtitle;
    private Instant generatedAt;
    private final List<Block> blocks = new ArrayList<>();
    private int sections;

    private HtmlReport(String title) {
        this.title = title;
    }

    /**
     * A new, empty report called {@code title}.
     *
     * @throws IllegalArgumentException if {@code title} is blank
     */
    public static HtmlReport titled(String title) {
        return new HtmlReport(text("title", title));
    }

    /** Sets the line under the title. */
    public HtmlReport subtitle(String subtitle) {
        this.subtitle = text("subtitle", subtitle);
        return this;
    }

    /** Sets the generation time shown in the header; by default the time of each {@link #render()}. */
    public HtmlReport generatedAt(Instant time) {
        if (time == null) {
            throw new IllegalArgumentException("generation time must not be null");
        }
        this.generatedAt = time;
        return this;
    }

    /**
     * Starts a section: a heading with an anchor, listed in the table of contents; what follows belongs
     * to it until the next section.
     *
     * @throws IllegalArgumentException if {@code heading} is blank
     */
    public HtmlReport section(String heading) {
        sections++;
        blocks.add(new Section(text("section heading", heading), "s" + sections + slug(heading)));
        return this;
    }

    /** Adds a paragraph of plain text (escaped; no markup is interpreted). */
    public HtmlReport paragraph(String text) {
        if (text == null) {
            throw new IllegalArgumentException("paragraph text must not be null");
        }
        blocks.add(new Paragraph(text));
        return this;
    }

    /**
     * Adds a table (cells escaped; numeric-looking cells such as {@code 42.8}, {@code -1,234},
     * {@code 92 %} or {@code 4739 rpm} are right-aligned, and so is the header of an all-numeric column).
     *
     * @throws IllegalArgumentException if there are no headers, a cell is null, or a row's length
     *         differs from the headers' (the message names the row)
     */
    public HtmlReport table(List<String> headers, List<List<String>> rows) {
        if (headers == null || headers.isEmpty()) {
            throw new IllegalArgumentException("table needs at least one header, got " + headers);
        }
        if (rows == null) {
            throw new IllegalArgumentException("table rows must not be null");
        }
        List<String> h = copyCells("header", headers);
        List<List<String>> r = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = copyCells("row " + i, rows.get(i));
            if (row.size() != h.size()) {
                throw new IllegalArgumentException("table row " + i + " has " + row.size() + " cells, expected "
                        + h.size() + " (one per header)");
            }
            r.add(row);
        }
        blocks.add(new Table(h, List.copyOf(r)));
        return this;
    }

    /** Adds a chart as inline SVG. */
    public HtmlReport chart(TimeSeriesChart chart) {
        if (chart == null) {
            throw new IllegalArgumentException("chart must not be null");
        }
        blocks.add(new Chart(chart));
        return this;
    }

    /** Adds a PNG image, embedded as a data URI, with its caption under it. */
    public HtmlReport image(PngImage image) {
        if (image == null) {
            throw new IllegalArgumentException("image must not be null");
        }
        blocks.add(new Image(image));
        return this;
    }

    /**
     * Adds the PNG {@code png} with {@code caption}.
     *
     * @throws IllegalArgumentException if the bytes are not a PNG image
     */
    public HtmlReport image(byte[] png, String caption) {
        return image(PngImage.of(png, caption));
    }

    /**
     * Adds the PNG file {@code png} with {@code caption}; the file is read now.
     *
     * @throws IllegalArgumentException if the file is not a PNG image (the message names the file)
     * @throws IOException if it cannot be read
     */
    public HtmlReport image(Path png, String caption) throws IOException {
        return image(PngImage.read(png, caption));
    }

    /**
     * Adds several images side by side in a responsive grid (small ones, such as heat maps, are scaled
     * up without smoothing), each with its own caption.
     *
     * @throws IllegalArgumentException if {@code images} is empty or holds null
     */
    public HtmlReport imageGrid(List<PngImage> images) {
        if (images == null || images.isEmpty() || images.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("image grid needs at least one image and no null, got " + images);
        }
        blocks.add(new Grid(List.copyOf(images)));
        return this;
    }

    /**
     * Embeds an existing SVG document (for example a route map) inline, with {@code caption} under it;
     * its XML prolog and DOCTYPE are stripped.
     *
     * @throws IllegalArgumentException if the markup is not one {@code <svg>} element or contains a
     *         {@code <script>}, an {@code on...=} event attribute, a {@code <foreignObject>} or a reference
     *         to anything outside the page
     */
    public HtmlReport svg(String svgMarkup, String caption) {
        if (caption == null) {
            throw new IllegalArgumentException("svg caption must not be null");
        }
        blocks.add(new Svg(SvgFragment.sanitize(svgMarkup), caption));
        return this;
    }

    /** The page as an HTML5 document. */
    public String render() {
        Instant time = generatedAt != null ? generatedAt : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("img-src data:; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n<div class=\"page\">\n");
        html.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        if (subtitle != null) {
            html.append("<p class=\"subtitle\">").append(Html.escape(subtitle)).append("</p>\n");
        }
        html.append("<p class=\"generated\">Generated <time datetime=\"").append(time).append("\">")
                .append(GENERATED.format(time)).append("</time></p>\n</header>\n");
        if (sections > 0) {
            html.append("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
            for (Block block : blocks) {
                if (block instanceof Section s) {
                    html.append("<li><a href=\"#").append(s.anchor).append("\">").append(Html.escape(s.heading))
                            .append("</a></li>\n");
                }
            }
            html.append("</ol>\n</nav>\n");
        }
        html.append("<main>\n");
        boolean open = false;
        for (Block block : blocks) {
            if (block instanceof Section) {
                if (open) {
                    html.append("</section>\n");
                }
                open = true;
            }
            block.render(html);
        }
        if (open) {
            html.append("</section>\n");
        }
        html.append("</main>\n<footer>A self-contained page: no script, no external resource.</footer>\n")
                .append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Writes {@link #render()} to {@code file} in UTF-8, atomically through {@link AtomicFiles} (the
     * folder is created if missing): a reader sees the old page or the new one, never half of one, and
     * the temporary file is removed if anything fails.
     *
     * @return {@code file}
     * @throws IOException if the folder or file cannot be written
     */
    public Path write(Path file) throws IOException {
        if (file == null || file.getFileName() == null) {
            throw new IllegalArgumentException("report file must name a file, got " + file);
        }
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        byte[] bytes = render().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, out -> out.write(bytes));
        return file;
    }

    @Override
    public String toString() {
        return "HtmlReport[" + title + ", " + sections + " sections, " + blocks.size() + " blocks]";
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got "
                    + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }

    private static List<String> copyCells(String what, List<String> cells) {
        if (cells == null) {
            throw new IllegalArgumentException("table " + what + " must not be null");
        }
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i) == null) {
                throw new IllegalArgumentException("table " + what + " cell " + i + " is null");
            }
        }
        return List.copyOf(cells);
    }

    /** {@code "-"} plus the heading's ASCII letters and digits, lower case, dash-separated, at most 40 chars. */
    private static String slug(String heading) {
        String s = heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (s.length() > 40) {
            s = s.substring(0, 40).replaceAll("-$", "");
        }
        return s.isEmpty() ? "" : "-" + s;
    }

    /** Whether {@code cell} reads as a number, optionally with a short unit or {@code %}: right-aligned. */
    static boolean numeric(String cell) {
        return NUMERIC.matcher(cell.strip()).matches();
    }

    /** A part of the page. */
    private sealed interface Block permits Section, Paragraph, Table, Chart, Image, Grid, Svg {
        void render(StringBuilder html);
    }

    private record Section(String heading, String anchor) implements Block {
        @Override
        public void render(StringBuilder html) {
            html.append("<section id=\"").append(anchor).append("\">\n<h2>").append(Html.escape(heading))
                    .append("</h2>\n");
        }
    }

    private record Paragraph(String text) implements Block {
        @Override
        public void render(StringBuilder html) {
            html.append("<p>").append(Html.escape(text)).append("</p>\n");
        }
    }

    private record Table(List<String> headers, List<List<String>> rows) implements Block {
        @Override
        public void render(StringBuilder html) {
            html.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
            for (int c = 0; c < headers.size(); c++) {
                html.append(numericColumn(c) ? "<th class=\"num\">" : "<th>").append(Html.escape(headers.get(c)))
                        .append("</th>");
            }
            html.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : rows) {
                html.append("<tr>");
                for (String cell : row) {
                    html.append(numeric(cell) ? "<td class=\"num\">" : "<td>").append(Html.escape(cell))
                            .append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table></div>\n");
        }

        private boolean numericColumn(int c) {
            boolean any = false;
            for (List<String> row : rows) {
                String cell = row.get(c);
                if (!cell.isBlank()) {
                    if (!numeric(cell)) {
                        return false;
                    }
                    any = true;
                }
            }
            return any;
        }
    }

    private record Chart(TimeSeriesChart chart) implements Block {
        @Override
        public void render(StringBuilder html) {
            html.append("<figure class=\"chart\">").append(chart.toSvg()).append("</figure>\n");
        }
    }

    private record Image(PngImage image) implements Block {
        @Override
        public void render(StringBuilder html) {
            html.append("<figure class=\"image\">");
            img(html, image);
            figcaption(html, image.caption());
            html.append("</figure>\n");
        }
    }

    private record Grid(List<PngImage> images) implements Block {
        @Override
        public void render(StringBuilder html) {
            html.append("<div class=\"grid\">\n");
            for (PngImage image : images) {
                html.append("<figure>");
                img(html, image);
                figcaption(html, image.caption());
                html.append("</figure>\n");
            }
            html.append("</div>\n");
        }
    }

    private record Svg(String markup, String caption) implements Block {
        @Override
        public void render(StringBuilder html) {
            html.append("<figure class=\"embedded-svg\">").append(markup);
            figcaption(html, caption);
            html.append("</figure>\n");
        }
    }

    private static void img(StringBuilder html, PngImage image) {
        html.append("<img").append(image.width() <= 256 ? " class=\"small\"" : "").append(" src=\"")
                .append(image.dataUri()).append("\" width=\"").append(image.width()).append("\" height=\"")
                .append(image.height()).append("\" alt=\"").append(Html.escape(image.caption())).append("\">");
    }

    private static void figcaption(StringBuilder html, String caption) {
        if (!caption.isBlank()) {
            html.append("<figcaption>").append(Html.escape(caption)).append("</figcaption>");
        }
    }
}
