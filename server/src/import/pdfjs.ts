// pdf.js for the PDF reader (pdf.ts), as its own module so that esbuild makes it one bundle,
// dist/pdfjs.js, which the CLI and the language server share and load when the first PDF is read.

let loaded: Promise<unknown> | undefined;

/**
 * pdf.js in this process: its legacy build (for Node) with the worker's code loaded in-process
 * (`globalThis.pdfjsWorker`, pdf.js's "fake worker"), so it needs no worker file, no network and
 * no path at run time, and esbuild bundles both.
 */
export function loadPdfjs(): Promise<unknown> {
  loaded ??= (async () => {
    // pdf.js's Node set-up looks for @napi-rs/canvas to polyfill the DOM classes its rendering
    // code makes at load time, and logs a warning on standard output when it cannot. Reading text
    // needs none of them: give it inert ones, and keep its load-time warnings off standard output
    // (a converted report may be written there; pdf.js warns with console.warn or console.log).
    const g = globalThis as Record<string, unknown>;
    for (const name of ['DOMMatrix', 'ImageData', 'Path2D']) if (!g[name]) g[name] = InertDomClass;
    const { log, warn } = console;
    const quiet =
      (to: (...a: unknown[]) => void) =>
      (...args: unknown[]): void => {
        if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) return;
        to(...args);
      };
    console.log = quiet(log);
    console.warn = quiet(warn);
    try {
      const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      g.pdfjsWorker = worker;
      const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
      (lib as unknown as { GlobalWorkerOptions: { workerSrc: string } }).GlobalWorkerOptions.workerSrc = 'pdf.worker.mjs';
      return lib;
    } finally {
      console.log = log;
      console.warn = warn;
    }
  })();
  return loaded;
}

/** Stands for DOMMatrix, ImageData and Path2D, which pdf.js constructs at load time for rendering. */
class InertDomClass {
  a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
  multiplySelf(): this { return this; }
  preMultiplySelf(): this { return this; }
  translate(): this { return this; }
  scale(): this { return this; }
  invertSelf(): this { return this; }
  addPath(): void {}
}

