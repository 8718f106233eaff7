// Conversion in a worker thread, for the language server (打开为报告 / Open as Report): a hostile
// file (a PDF or page built to exhaust memory or time) can at worst end its worker, never the
// server. Each conversion gets a fresh worker with a heap limit (`resourceLimits`) and a time
// budget; past either the worker is ended and the answer is a bilingual error.
//
// The worker runs this same module (`new Worker(__filename)`): compiled, out/…/convertWorker.js;
// bundled, dist/server.js, whose entry (lsp/main.ts) starts no server in a worker thread.

import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import type { ImportKind } from './index';

/** Heap (MB) and time (ms) a conversion may take; the tests lower them (`ZWGK_CONVERT_HEAP_MB`, `ZWGK_CONVERT_MS`). */
export const CONVERT_LIMITS = {
  heapMb: Number(process.env.ZWGK_CONVERT_HEAP_MB) || 1024,
  ms: Number(process.env.ZWGK_CONVERT_MS) || 60_000,
};

export type ConvertOutcome = { text: string } | { error: { zh: string; en: string; code: string } };

interface Job {
  zwgkConvert: true;
  kind: ImportKind;
}

/**
 * Convert a file given as base64 (as the convert request carries it) in a worker of its own.
 * Never throws: what cannot be converted, and a worker that runs out of memory or time, is an
 * `error` in both languages.
 */
export function convertInWorker(base64: string, kind: ImportKind, limits: { heapMb: number; ms: number } = CONVERT_LIMITS): Promise<ConvertOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let worker: Worker;
    const done = (o: ConvertOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker?.terminate();
      resolve(o);
    };
    const timer = setTimeout(() => done({
      error: {
        zh: `转换超时（超过 ${limits.ms / 1000} 秒），已停止；文件可能异常`,
        en: `The conversion took too long (over ${limits.ms / 1000} s) and was stopped; the file may be malformed`,
        code: 'timeout',
      },
    }), limits.ms);
    try {
      worker = new Worker(__filename, {
        workerData: { zwgkConvert: true, kind } satisfies Job,
        resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, limits.heapMb >> 4)) },
      });
    } catch (e) {
      done({ error: { zh: `无法启动转换：${(e as Error)?.message ?? e}`, en: `Cannot start the conversion: ${(e as Error)?.message ?? e}`, code: 'failed' } });
      return;
    }
    worker.on('message', (m: ConvertOutcome) => done(m));
    worker.on('error', (e: Error & { code?: string }) => {
      if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        done({
          error: {
            zh: `转换所需内存超过上限（${limits.heapMb} MB），已停止；文件可能异常`,
            en: `The conversion needed more memory than allowed (${limits.heapMb} MB) and was stopped; the file may be malformed`,
            code: 'out-of-memory',
          },
        });
      } else done({ error: { zh: `转换失败：${e?.message ?? e}`, en: `The conversion failed: ${e?.message ?? e}`, code: 'failed' } });
    });
    worker.on('exit', () => done({ error: { zh: '转换意外中止', en: 'The conversion stopped unexpectedly', code: 'failed' } }));
    worker.postMessage(base64);
  });
}

// ------------------------------------------------------------------ the worker's side

if (!isMainThread && (workerData as Job | null)?.zwgkConvert) {
  const { kind } = workerData as Job;
  parentPort!.once('message', async (base64: string) => {
    let out: ConvertOutcome;
    // the readers are loaded here only, in the worker
    const { ImportError, convert } = await import('./index');
    try {
      const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
      out = { text: (await convert({ bytes, kind })).text };
    } catch (e) {
      if (e instanceof ImportError) out = { error: { zh: e.message, en: e.messageEn, code: e.code } };
      else {
        const m = String((e as Error)?.message ?? e);
        out = { error: { zh: `转换失败：${m}`, en: `The conversion failed: ${m}`, code: 'failed' } };
      }
    }
    parentPort!.postMessage(out);
  });
}
