// Runs the Word importer (dist/docx.js) in a worker thread with a memory limit, never in the
// extension host itself: a hostile .docx that gets past the importer's own limits can at worst
// end that worker, not the host (and every extension in it). No `vscode` import: tested in Node.

import { Worker } from 'worker_threads';

/** What the worker answers: the text, or the importer's error in both languages. */
export type WorkerResult = { text: string } | { error: { zh: string; en: string } };

/** The worker's heap limit (MB): a 64 MB document.xml and its DOM fit well within it. */
export const WORKER_HEAP_MB = 1024;
/** The worker is ended after this long (ms), whatever it is doing. */
export const WORKER_TIMEOUT_MS = 120_000;

const SCRIPT = `
const { parentPort, workerData } = require('worker_threads');
const m = require(workerData.bundle);
m.docxToText(workerData.bytes).then(
  (text) => parentPort.postMessage({ text }),
  (e) => parentPort.postMessage({ error: { zh: String(e && e.message || e), en: String(e && (e.messageEn || e.message) || e) } }),
);
`;

/** Convert `bytes` with the importer bundle at `bundle`, in a worker thread. Never rejects. */
export function importInWorker(bundle: string, bytes: Uint8Array, opts: { heapMb?: number; timeoutMs?: number } = {}): Promise<WorkerResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: WorkerResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const worker = new Worker(SCRIPT, {
      eval: true,
      workerData: { bundle, bytes },
      resourceLimits: { maxOldGenerationSizeMb: opts.heapMb ?? WORKER_HEAP_MB },
    });
    const timer = setTimeout(() => done({ error: { zh: '导入超时，已停止', en: 'the import took too long and was stopped' } }), opts.timeoutMs ?? WORKER_TIMEOUT_MS);
    worker.on('message', (m: WorkerResult) => done(m));
    worker.on('error', (e: Error & { code?: string }) => done({
      error: e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? { zh: '导入所需内存超过上限，已停止（文件可能是恶意构造的）', en: 'the import needed more memory than allowed and was stopped (the file may be built to attack)' }
        : { zh: e.message, en: e.message },
    }));
    worker.on('exit', () => done({ error: { zh: '导入进程意外结束', en: 'the import worker ended unexpectedly' } }));
  });
}
