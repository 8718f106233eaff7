// Round trip: each sample rendered with the project's HTML renderer (server/src/render/html.ts),
// printed to PDF by headless Chromium (A4 landscape: the review table's 15 columns fit), imported
// with the PDF reader, read by the core. Every figure of the three statistics tables must be in
// the same row and column as in the text, and the totals diagnostics on them the same.
// The rendered web page itself is imported too, with the same expectation. All five samples:
// 000 has unnumbered section headings, blank cells (rows with no figure at all, a review row of
// four single figures near the bottom of a page) and a 2019-format table; 001 a table cut short
// (the renderer draws the missing rows blank).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { analyze, type Analysis, type Diagnostic, type ReportDocument } from '../../server/src/core';
import { htmlToText } from '../../server/src/import/html';
import { pdfToText } from '../../server/src/import/pdf';
import { renderStandalone } from '../../server/src/render/html';
import { SAMPLES, launch, noBrowser, sampleFiles } from '../render/browser';

const SAMPLE_IDS = ['000', '001', '002', '003', '004'];
const TOTALS = ['sum-row', 'sum-column', 'sum-parent', 'balance', 'review-total'];
const KINDS = ['active', 'requests', 'review'];

/** Every figure of the three tables: `kind block/row column = value`. */
function figures(doc: ReportDocument): string[] {
  return doc.tables.filter((t) => KINDS.includes(t.kind)).flatMap((t) =>
    t.rows.filter((r) => r.id).flatMap((r) => r.cells.map((c) => `${t.kind} ${r.block ?? ''}/${r.id} ${c.column} = ${c.value}`)));
}

/** The totals diagnostics on the three tables: rule, row and column. */
function totals(a: Analysis): string[] {
  const out: string[] = [];
  for (const d of a.diagnostics as Diagnostic[]) {
    if (!TOTALS.includes(d.code)) continue;
    const t = a.doc.tables.find((x) => x.startLine <= d.range.start.line && d.range.start.line <= x.endLine);
    if (!t || !KINDS.includes(t.kind)) continue;
    const r = t.rows.find((x) => x.line <= d.range.start.line && d.range.start.line <= x.endLine);
    const c = r?.cells.find((x) => x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character);
    out.push(`${d.code} ${t.kind} ${r?.id} ${c?.column} ${d.expected} ${d.actual}`);
  }
  return out.sort();
}

describe('round trip: sample → HTML renderer → Chromium PDF → import', () => {
  let browser: Browser;
  const pdfs = new Map<string, Uint8Array>();
  const pages = new Map<string, string>();
  before(async () => {
    noBrowser();
    browser = await launch();
    const page = await browser.newPage();
    for (const f of sampleFiles()) {
      const a = analyze(fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
      const html = renderStandalone(a.doc, a.diagnostics, { lang: 'zh' });
      pages.set(f.slice(0, 3), html);
      await page.setContent(html);
      pdfs.set(f.slice(0, 3), new Uint8Array(await page.pdf({ format: 'A4', landscape: true })));
    }
  });
  after(async () => {
    await browser?.close();
  });

  test('the five samples are all here', () => {
    assert.deepEqual(sampleFiles().map((f) => f.slice(0, 3)), SAMPLE_IDS);
  });

  for (const id of SAMPLE_IDS) {
    test(`sample ${id}: the same figures in the same cells, the same totals diagnostics (PDF and web page)`, async () => {
      const file = sampleFiles().find((f) => f.startsWith(id))!;
      const text = analyze(fs.readFileSync(path.join(SAMPLES, file), 'utf8'));
      const fromPdf = analyze((await pdfToText(pdfs.get(id)!)).text);
      // every cell of the text (the renderer draws a cell the text lacks as a blank cell: 004)
      const missing = (from: Analysis) => figures(text.doc).filter((f) => !new Set(figures(from.doc)).has(f));
      assert.deepEqual(missing(fromPdf), []);
      // the totals diagnostics on the rows the text has (001's table is cut short: the renderer
      // draws the missing rows blank, and their blank totals are checked in the PDF as in the page)
      const rowsOfText = new Set(text.doc.tables.flatMap((t) => t.rows.filter((r) => r.id).map((r) => `${t.kind} ${r.id} `)));
      const onTextRows = (a: Analysis) => totals(a).filter((d) => [...rowsOfText].some((r) => d.includes(` ${r}`)));
      assert.deepEqual(onTextRows(fromPdf), totals(text));
      if (id === '001') assert.ok(totals(fromPdf).some((d) => d.includes(' r7 ')), 'the blank rows the renderer adds to 001 are read');
      const fromHtml = analyze(htmlToText(pages.get(id)!).text);
      assert.deepEqual(missing(fromHtml), []);
      assert.deepEqual(onTextRows(fromHtml), totals(text));
    });
  }
});
