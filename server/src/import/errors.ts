// The error every reader throws for a file it cannot read: the reason in Chinese (`message`) and
// English (`messageEn`), and a stable code. Each reader narrows the codes (`PdfImportError` …).

export class ImportFailure<C extends string = string> extends Error {
  constructor(zh: string, readonly messageEn: string, readonly code: C, options?: { cause?: unknown }) {
    super(zh, options);
  }
}
