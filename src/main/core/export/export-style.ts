// The look of an exported note or dossier, on screen and in print. Page numbers come from CSS page
// margin boxes (Chromium 131+ and Electron's printToPDF print them).
export const EXPORT_STYLE = `
@page { size: Letter; margin: 22mm 20mm 24mm; @bottom-center { content: counter(page); font: 9pt Georgia, serif; color: #555; } }
@page :first { @bottom-center { content: none; } }
html { font: 11pt/1.55 Georgia, 'Times New Roman', serif; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 42em; padding: 2em 1em; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 1.7em; line-height: 1.2; margin: 0 0 0.3em; }
h2 { font-size: 1.25em; margin: 1.4em 0 0.5em; }
p, li { orphans: 3; widows: 3; }
.dates { color: #555; font-size: 0.9em; margin: 0 0 1.5em; }
blockquote { margin: 1em 0; padding: 0.2em 1em; border-left: 3px solid #999; color: #333; }
code, pre { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.9em; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.6em; }
a { color: #1a4d8f; }
sup.citation { font-size: 0.7em; line-height: 0; }
sup.citation a { text-decoration: none; }
sup.citation.missing { color: #a00; }
.chart { display: block; margin: 1.2em 0; break-inside: avoid; }
.chart-box { display: block; position: relative; height: 9cm; }
.chart-caption { display: block; font-size: 0.85em; color: #444; margin-top: 0.4em; }
.chart-missing { color: #a00; font-style: italic; }
.image-omitted { color: #555; font-style: italic; }
table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: 0.2em 0.5em; }
.title-page { break-after: page; padding-top: 30%; text-align: center; }
.title-page h1 { font-size: 2.4em; }
.contents { break-after: page; }
.contents ol { padding-left: 1.4em; } .contents li { margin: 0.3em 0; }
.contents .page { float: right; margin-left: 1em; font-variant-numeric: tabular-nums; }
.page-mark { margin: 0; font-size: 6pt; line-height: 1; }
.dossier .chapter { break-before: page; }
.dossier .contents + .chapter { break-before: auto; }
.sources { break-before: page; }
.single .sources { break-before: auto; border-top: 1px solid #bbb; margin-top: 2em; }
.sources li { margin: 0.4em 0; overflow-wrap: anywhere; font-size: 0.92em; }
`
