// CSS of the rendered report (preview webview and standalone HTML). Uses the VS Code theme
// variables when the page runs in a webview (they are defined on <html> there), with print-like
// fallbacks elsewhere, so the preview follows the editor theme and the standalone file looks like
// the printed report. No `url(...)`, no @import: the CSP allows nothing to be loaded.

export const STYLE = `
:root {
  --zw-fg: var(--vscode-editor-foreground, #1f1f1f);
  --zw-bg: var(--vscode-editor-background, #ffffff);
  --zw-muted: var(--vscode-descriptionForeground, #6b6b6b);
  --zw-border: color-mix(in srgb, var(--zw-fg) 60%, transparent);
  --zw-head-bg: color-mix(in srgb, var(--zw-fg) 7%, transparent);
  --zw-label-bg: color-mix(in srgb, var(--zw-fg) 3%, transparent);
  --zw-caption-bg: color-mix(in srgb, var(--zw-fg) 12%, transparent);
  --zw-error: var(--vscode-editorError-foreground, #d0312d);
  --zw-error-bg: color-mix(in srgb, var(--zw-error) 16%, transparent);
  --zw-warning: var(--vscode-editorWarning-foreground, #c77c02);
  --zw-warning-bg: color-mix(in srgb, var(--zw-warning) 16%, transparent);
  --zw-link: var(--vscode-textLink-foreground, #1a5fb4);
  --zw-hover: color-mix(in srgb, var(--zw-link) 10%, transparent);
  --zw-font: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif;
  --zw-ui-font: var(--vscode-font-family, system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif);
}
html { color-scheme: light dark; }
body {
  margin: 0;
  color: var(--zw-fg);
  background: var(--zw-bg);
  font-family: var(--zw-font);
}
.zwgk-report {
  max-width: 980px;
  margin: 0 auto;
  padding: 28px 36px 72px;
  font-size: 15px;
  line-height: 1.85;
}
.zwgk-report h1.report-title {
  text-align: center;
  font-size: 22px;
  line-height: 1.5;
  margin: 8px 0 28px;
  font-weight: 700;
}
.zwgk-report h1.report-title .title-line { display: block; }
.zwgk-report h2, .zwgk-report h3, .zwgk-report h4, .zwgk-report h5 { line-height: 1.6; }
.zwgk-report h2 { font-size: 17px; margin: 28px 0 10px; font-weight: 700; }
.zwgk-report h3 { font-size: 15.5px; margin: 18px 0 6px; font-weight: 700; }
.zwgk-report h4, .zwgk-report h5 { font-size: 15px; margin: 12px 0 4px; font-weight: 600; }
.zwgk-report p { margin: 4px 0; text-indent: 2em; overflow-wrap: anywhere; }
.zwgk-report p.align-right { text-align: right; text-indent: 0; }
.zwgk-report p.table-caption { text-align: center; text-indent: 0; font-weight: 700; margin-top: 16px; }
.zwgk-report p.debris { color: var(--zw-muted); font-family: var(--zw-ui-font); font-size: 12px; text-indent: 0; }

.table-wrap { margin: 12px 0 22px; overflow-x: auto; }
table.zw-table {
  border-collapse: collapse;
  width: 100%;
  font-size: 13px;
  line-height: 1.45;
  font-family: var(--zw-font);
}
.zw-table th, .zw-table td {
  border: 1px solid var(--zw-border);
  padding: 5px 7px;
  vertical-align: middle;
  position: relative;
}
.zw-table thead th, .zw-table tr.block-head th {
  background: var(--zw-head-bg);
  font-weight: 700;
  text-align: center;
}
.zw-table th.corner { font-weight: 400; font-size: 12px; color: var(--zw-muted); }
.zw-table tr.block-title th {
  background: var(--zw-caption-bg);
  text-align: center;
  font-weight: 700;
  letter-spacing: 0.05em;
}
.zw-table th.row-label { text-align: left; font-weight: 400; background: var(--zw-label-bg); }
.zw-table th.row-label.group { text-align: center; font-weight: 700; }
.zw-table th.row-label.total-row { font-weight: 700; }
.zw-table td { text-align: center; font-variant-numeric: tabular-nums; min-width: 2.5em; }
.zw-table td.text { text-align: left; }
.zw-table td.unit { color: var(--zw-muted); }
.zw-table.table-requests th.row-label.lvl-1, .zw-table.table-requests th.row-label.group { white-space: nowrap; }
.zw-table.table-requests td, .zw-table.table-requests thead th:not(.corner) { min-width: 3.4em; }
.zw-table.table-review td, .zw-table.table-review thead th { min-width: 3.4em; }
.zw-table.table-review thead th { white-space: nowrap; padding-left: 3px; padding-right: 3px; }
.zw-table.table-stats th.row-label { width: 68%; }
.zw-table.table-stats th.row-label.lvl-2 { padding-left: 2em; }
.zw-table.table-stats th.row-label.lvl-3 { padding-left: 3.5em; }
.zw-table.table-stats th.row-label.lvl-4 { padding-left: 5em; }
.zw-table.table-stats th.row-label.lvl-5 { padding-left: 6.5em; }
.zw-table.table-stats th.row-label.lvl-1 { font-weight: 700; }
.zw-table tr.row-missing th, .zw-table tr.row-missing td { color: var(--zw-muted); font-style: italic; border-style: dashed; }
.zw-table td.cell-missing {
  background: repeating-linear-gradient(135deg, transparent 0 5px, color-mix(in srgb, var(--zw-fg) 10%, transparent) 5px 6px);
}

.cell-error, .zw-table td.cell-error, .zw-table th.cell-error {
  background: var(--zw-error-bg);
  box-shadow: inset 0 0 0 2px var(--zw-error);
  color: var(--zw-error);
  font-weight: 700;
}
.cell-warning, .zw-table td.cell-warning, .zw-table th.cell-warning {
  background: var(--zw-warning-bg);
  box-shadow: inset 0 0 0 2px var(--zw-warning);
}
.zw-table .cell-error::after, .zw-table .cell-warning::after {
  content: "";
  position: absolute;
  top: 0;
  right: 0;
  border-style: solid;
  border-width: 0 9px 9px 0;
  border-color: transparent var(--zw-error) transparent transparent;
}
.zw-table .cell-warning::after { border-color: transparent var(--zw-warning) transparent transparent; }
.has-error { text-decoration: underline wavy var(--zw-error); text-decoration-skip-ink: none; text-underline-offset: 4px; }
.has-warning { text-decoration: underline wavy var(--zw-warning); text-decoration-skip-ink: none; text-underline-offset: 4px; }

details.problems {
  font-family: var(--zw-ui-font);
  font-size: 13px;
  line-height: 1.6;
  border: 1px solid color-mix(in srgb, var(--zw-fg) 20%, transparent);
  border-left: 4px solid var(--zw-error);
  border-radius: 4px;
  padding: 6px 12px;
  margin: 0 0 20px;
  background: color-mix(in srgb, var(--zw-fg) 3%, transparent);
}
details.problems.only-warnings { border-left-color: var(--zw-warning); }
details.problems.clean { border-left-color: #2e7d32; }
details.problems summary { cursor: default; font-weight: 600; }
details.problems ul { margin: 6px 0 2px; padding-left: 0; list-style: none; }
details.problems li { padding: 1px 0; }
details.problems .sev { display: inline-block; min-width: 3.2em; font-weight: 700; }
details.problems li.sev-error .sev { color: var(--zw-error); }
details.problems li.sev-warning .sev { color: var(--zw-warning); }
details.problems .loc { color: var(--zw-muted); margin-right: 0.5em; font-variant-numeric: tabular-nums; }
details.problems .code { color: var(--zw-muted); margin-left: 0.5em; font-size: 12px; }

/* Webview only (body.interactive): click a mapped element to reveal it in the editor. */
body.interactive [data-line] { cursor: pointer; }
body.interactive .zw-table td[data-line]:hover, body.interactive .zw-table th[data-line]:hover { outline: 1px solid var(--zw-link); outline-offset: -5px; }
body.interactive .zw-table td[data-line]:not(.cell-error):not(.cell-warning):hover { background-color: var(--zw-hover); }
body.interactive p[data-line]:hover, body.interactive h2[data-line]:hover, body.interactive h3[data-line]:hover,
body.interactive h4[data-line]:hover, body.interactive li[data-line]:hover { background-color: var(--zw-hover); }
.zw-tooltip {
  position: fixed;
  z-index: 10;
  max-width: 420px;
  padding: 6px 10px;
  font-family: var(--zw-ui-font);
  font-size: 12.5px;
  line-height: 1.5;
  white-space: pre-line;
  color: var(--vscode-editorHoverWidget-foreground, var(--zw-fg));
  background: var(--vscode-editorHoverWidget-background, var(--zw-bg));
  border: 1px solid var(--vscode-editorHoverWidget-border, color-mix(in srgb, var(--zw-fg) 30%, transparent));
  border-left: 3px solid var(--zw-error);
  border-radius: 3px;
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25);
  pointer-events: none;
}
.zw-tooltip.warning { border-left-color: var(--zw-warning); }
.zw-tooltip[hidden] { display: none; }

/* A narrow preview (side by side with the editor): tighter tables, labels may wrap. */
@media (max-width: 760px) {
  .zwgk-report { padding: 16px 14px 48px; font-size: 14px; }
  table.zw-table { font-size: 12px; }
  .zw-table th, .zw-table td { padding: 3px 4px; }
  .zw-table.table-requests th.row-label.lvl-1, .zw-table.table-requests th.row-label.group { white-space: normal; }
  .zw-table.table-requests td, .zw-table.table-requests thead th:not(.corner),
  .zw-table.table-review td, .zw-table.table-review thead th { min-width: 0; }
  .zw-table.table-review thead th { white-space: normal; }
}

@media print {
  details.problems { display: none; }
  .zwgk-report { max-width: none; padding: 0; }
  .cell-error, .cell-warning { box-shadow: none; background: none; color: inherit; }
  .zw-table .cell-error::after, .zw-table .cell-warning::after { display: none; }
}
`;
