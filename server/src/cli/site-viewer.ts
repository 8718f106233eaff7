// The audit site's report page (DIR/report.html), in the browser: bundled by scripts/build.mjs into
// dist/audit-report.js, which `audit --out` copies to DIR/report.js. It reads `#n=K[&carry=1]`,
// loads report K's shard (and its carry-over file when the link says it has one) as a script
// next to the page (file: URLs allow no fetch; the CSP allows scripts from 'self' only), and
// renders the report with the preview's renderer. Going to another `#n=` renders that one (start).

import { type CarryData, type ShardData, carryName, renderEntry, shardName, shardOf } from './site-page';

/** The little of the DOM used here (the project compiles without the DOM's types). */
interface Element {
  textContent: string | null;
  innerHTML: string;
  getAttribute(name: string): string | null;
  remove(): void;
  onerror: (() => void) | null;
}
interface ViewerGlobal {
  document: {
    title: string;
    getElementById(id: string): Element | null;
    createElement(tag: 'script'): Element & { src: string };
    head: { appendChild(e: Element): void };
  };
  location: { hash: string };
  addEventListener(type: 'hashchange', f: () => void): void;
  ZWGK_SHARD?: (data: ShardData) => void;
  ZWGK_CARRY?: (data: CarryData) => void;
}

/** Load a script next to the page; resolves with what it passed to `global[callback]`, or null when it could not be loaded. */
function load<T>(g: ViewerGlobal, src: string, callback: 'ZWGK_SHARD' | 'ZWGK_CARRY'): Promise<T | null> {
  return new Promise((resolve) => {
    const s = g.document.createElement('script');
    const done = (v: T | null): void => {
      delete g[callback];
      s.remove();
      resolve(v);
    };
    (g as unknown as Record<string, (v: T) => void>)[callback] = (v: T) => done(v);
    s.onerror = () => done(null);
    s.src = src;
    g.document.head.appendChild(s);
  });
}

export async function show(g: ViewerGlobal): Promise<void> {
  const main = g.document.getElementById('report');
  const status = g.document.getElementById('status');
  const fileName = g.document.getElementById('file');
  if (!main || !status || !fileName) return;
  const zh = main.getAttribute('data-lang') !== 'en';
  const params = new Map(g.location.hash.replace(/^#/, '').split('&').map((kv) => kv.split('=') as [string, string]));
  const n = Number(params.get('n'));
  main.innerHTML = '';
  fileName.textContent = '';
  if (!Number.isInteger(n) || n < 1) {
    status.textContent = zh ? '链接中没有报告编号（#n=…）。' : 'The link names no report (#n=…).';
    return;
  }
  const index = n - 1;
  const shard = shardOf(index);
  status.textContent = zh ? '正在载入…' : 'Loading…';
  const data = await load<ShardData>(g, `reports/${shardName(shard)}`, 'ZWGK_SHARD');
  const carry = params.get('carry') === '1' ? await load<CarryData>(g, `reports/${carryName(shard)}`, 'ZWGK_CARRY') : null;
  const entry = data?.reports.find((r) => r.index === index);
  if (!data || !entry) {
    status.textContent = zh ? `找不到第 ${n} 份报告（reports/${shardName(shard)}）。` : `Report ${n} was not found (reports/${shardName(shard)}).`;
    return;
  }
  g.document.title = entry.file;
  fileName.textContent = entry.file;
  // (the renderer escapes every text of the report; the CSP runs no script but this page's own)
  main.innerHTML = renderEntry(entry, carry?.[String(index)], data);
  status.textContent = '';
}

/**
 * Show the linked report, and another whenever the link changes. One at a time: a shard calls the
 * one global `ZWGK_SHARD`, so two loads at once (back, back) could take each other's data.
 * Resolves when the first is shown.
 */
export function start(g: ViewerGlobal): Promise<void> {
  let chain = show(g);
  const first = chain;
  g.addEventListener('hashchange', () => {
    chain = chain.then(() => show(g));
  });
  return first;
}

const global = globalThis as unknown as ViewerGlobal;
if (typeof global.document === 'object' && global.document && typeof global.addEventListener === 'function') void start(global);
