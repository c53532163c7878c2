/**
 * The report's stylesheet, inline in the page: readable on screen, and printed (or saved as
 * PDF) on A4 or Letter without cut tables or charts split across pages.
 */
export const reportStyle = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 52rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid #1f5fa8; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
p, ul { margin: .4rem 0; }
.meta { color: #444; }
.note { color: #444; font-size: .92rem; }
.caution { border-left: 4px solid #b35c00; padding: .4rem .8rem; background: #fff6ec; }
.severity-danger { font-weight: 700; color: #a40000; }
.severity-warning { font-weight: 700; color: #8a4b00; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
figure { margin: .8rem 0; }
figcaption { font-size: .88rem; color: #333; }
svg { display: block; max-width: 100%; height: auto; font-family: inherit; }
.excluded { color: #555; font-style: italic; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure, tr, .finding { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .caution { background: none; }
  a { color: inherit; text-decoration: none; }
}
`;
