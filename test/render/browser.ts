// Headless Chromium for the render tests (playwright-core, the system's /usr/bin/chromium).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../../..');
export const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function sampleFiles(): string[] {
  return readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
}

export function sample(prefix: string): string {
  const f = sampleFiles().find((x) => x.startsWith(prefix));
  if (!f) throw new Error(`no sample ${prefix}`);
  return readFileSync(path.join(SAMPLES, f), 'utf8');
}

/** Why the browser tests cannot run here, or undefined. */
/**
 * The render tests need Chromium: without it they fail (they are never skipped, so a machine
 * without it cannot pass them unnoticed). `npm test` installs it first (scripts/ensure-chromium.sh).
 */
export function noBrowser(): undefined {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM`);
  return undefined;
}

export async function launch(): Promise<Browser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * Runs in the page: the logical grid of a table (rowspan/colspan expanded), each slot holding the
 * index of its element in `cells`, plus the cells' text, classes, spans and data attributes.
 */
export const GRID_FN = `(table) => {
  const cells = [];
  const grid = [];
  [...table.rows].forEach((tr, r) => {
    grid[r] = grid[r] || [];
    let c = 0;
    for (const cell of tr.cells) {
      while (grid[r][c] !== undefined) c++;
      const i = cells.length;
      cells.push({
        tag: cell.tagName.toLowerCase(), text: cell.textContent.trim(), cls: cell.className,
        colspan: cell.colSpan, rowspan: cell.rowSpan, line: cell.getAttribute('data-line'),
        title: cell.getAttribute('title') || '', msg: cell.getAttribute('data-msg') || '', head: !!cell.closest('thead, tr.block-head, tr.block-title'),
      });
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        grid[r + dr] = grid[r + dr] || [];
        for (let dc = 0; dc < cell.colSpan; dc++) grid[r + dr][c + dc] = i;
      }
      c += cell.colSpan;
    }
  });
  return { cells, grid };
}`;

export interface GridCell {
  tag: string; text: string; cls: string; colspan: number; rowspan: number; line: string | null;
  title: string; msg: string; head: boolean;
}
export interface Grid { cells: GridCell[]; grid: number[][] }
