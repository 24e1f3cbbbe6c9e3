package org.industry4.examples.factory.report;

/** The page's inline style sheet: system fonts, a 1,100 px column, zebra tables, print rules. */
final class ReportStyle {

    static final String CSS = """
            :root { color-scheme: light; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #fff; color: #222; line-height: 1.5;
              font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            .page { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; }
            header { border-bottom: 3px solid #1f77b4; padding-bottom: 12px; margin-bottom: 20px; }
            h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 6px; }
            .subtitle { font-size: 1.1rem; color: #444; margin: 0; }
            .generated { font-size: .85rem; color: #777; margin: 6px 0 0; }
            h2 { font-size: 1.35rem; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
            nav.toc { background: #f6f7f9; border: 1px solid #e1e4e8; border-radius: 6px; padding: 10px 18px;
              margin: 0 0 8px; }
            nav.toc h2 { font-size: 1rem; margin: 0 0 4px; padding: 0; border: 0; }
            nav.toc ol { margin: 0; padding-left: 1.4em; columns: 2; column-gap: 32px; }
            a { color: #1f5f99; }
            p { margin: 8px 0; max-width: 80ch; }
            figure { margin: 16px 0; }
            figure.chart svg { display: block; width: 100%; height: auto; }
            figure.embedded-svg svg { display: block; max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: .9rem; color: #555; margin-top: 4px; }
            .table-wrap { overflow-x: auto; }
            table { border-collapse: collapse; margin: 12px 0; font-size: .95rem; min-width: 50%; }
            th, td { padding: 6px 14px; text-align: left; vertical-align: top; border-bottom: 1px solid #e4e4e4; }
            th { background: #eef1f5; border-bottom: 2px solid #c9d0d8; font-weight: 600; }
            tbody tr:nth-child(even) { background: #f8f9fa; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            img { max-width: 100%; height: auto; }
            img.small { image-rendering: pixelated; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 14px;
              margin: 16px 0; }
            .grid figure { margin: 0; }
            .grid img { display: block; width: 100%; border: 1px solid #ddd; }
            footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid #eee; font-size: .8rem; color: #888; }
            @media print {
              .page { max-width: none; padding: 0; }
              a { color: inherit; text-decoration: none; }
              h2 { break-after: avoid; }
              figure, table, nav.toc { break-inside: avoid; }
            }
            """;

    private ReportStyle() {
    }
}
