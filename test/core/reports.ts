// Generated reports for tests and the benchmark: the template with figures written into it.
import { newReport } from '../../server/src/core/template';

/**
 * Write `values` into the cells that follow the row label `label` (one cell per line after a
 * tab, as the template lays tables out). `nth` picks among rows with the same label.
 */
export function setRow(text: string, label: string, values: (number | string)[], nth = 0): string {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== `\t${label}`) continue;
    if (seen++ < nth) continue;
    values.forEach((v, k) => { lines[i + 1 + k] = `\t${v}`; });
    return lines.join('\n');
  }
  throw new Error(`no row ${label}`);
}

/** Seven request-table cells: natural persons `n`, commercial `c`, and the total. */
export const req = (n: number, c = 0): number[] => [n, c, 0, 0, 0, 0, n + c];

export const NEW = '一、本年新收政府信息公开申请数量';
export const CARRIED = '二、上年结转政府信息公开申请数量';
export const R1 = '（一）予以公开';
export const R7 = '（七）总计';
export const NEXT = '四、结转下年度继续办理';

/**
 * A consistent report: `received` new requests (natural persons), `carried` from last year,
 * `handled` granted in full, the rest carried forward (一 + 二 = （七） + 四 holds).
 */
export function report(organ: string, year: number, received: number, carried: number, handled: number): string {
  let t = newReport({ organ, year });
  t = setRow(t, NEW, req(received));
  t = setRow(t, CARRIED, req(carried));
  t = setRow(t, R1, req(handled));
  t = setRow(t, R7, req(handled));
  t = setRow(t, NEXT, req(received + carried - handled));
  return t;
}
