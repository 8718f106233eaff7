// Validation of the text-document notifications a client sends, before `TextDocuments` sees them:
// a document without a string `uri`, or with text that is not a string, is ignored with a log
// line. (Taken as it came, a didOpen without a uri made the server publish diagnostics with no uri,
// and while that document was open the carry-over check failed for every other document.)

import type { Connection } from 'vscode-languageserver/node';

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
const isPos = (p: unknown): boolean => isObj(p) && Number.isInteger(p.line) && Number.isInteger(p.character);
const isRange = (r: unknown): boolean => isObj(r) && isPos(r.start) && isPos(r.end);

/** Why a text-document notification is unusable, or undefined when it is fine. */
export function invalidReason(method: string, p: unknown): string | undefined {
  if (!isObj(p) || !isObj(p.textDocument)) return 'no textDocument';
  const td = p.textDocument;
  if (typeof td.uri !== 'string' || td.uri === '') return 'textDocument.uri is not a non-empty string';
  if (method === 'didOpen') {
    if (typeof td.text !== 'string') return 'textDocument.text is not a string';
    if (typeof td.version !== 'number' || !Number.isFinite(td.version)) return 'textDocument.version is not a number';
    if (typeof td.languageId !== 'string') return 'textDocument.languageId is not a string';
  }
  if (method === 'didChange') {
    if (typeof td.version !== 'number' || !Number.isFinite(td.version)) return 'textDocument.version is not a number';
    if (!Array.isArray(p.contentChanges)) return 'contentChanges is not an array';
    for (const c of p.contentChanges) {
      if (!isObj(c) || typeof c.text !== 'string') return 'a content change has no string text';
      if (c.range !== undefined && !isRange(c.range)) return 'a content change has a bad range';
    }
  }
  return undefined;
}

const CHECKED: Record<string, string> = {
  onDidOpenTextDocument: 'didOpen',
  onDidChangeTextDocument: 'didChange',
  onDidCloseTextDocument: 'didClose',
  onDidSaveTextDocument: 'didSave',
  onWillSaveTextDocument: 'willSave',
  onWillSaveTextDocumentWaitUntil: 'willSaveWaitUntil',
};

/**
 * The connection as `TextDocuments.listen` should see it: its text-document handlers receive only
 * valid notifications; the others are logged and dropped (willSaveWaitUntil answers no edits).
 * `seen` is told of each valid one just before `TextDocuments` applies it.
 */
export function validatedConnection(connection: Connection, log: (m: string) => void, seen?: (method: string, p: unknown) => void): Connection {
  return new Proxy(connection, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      const method = typeof prop === 'string' ? CHECKED[prop] : undefined;
      if (!method || typeof value !== 'function') return value;
      return (handler: (p: unknown, ...rest: unknown[]) => unknown) =>
        (value as (h: unknown) => unknown).call(target, (p: unknown, ...rest: unknown[]) => {
          const why = invalidReason(method, p);
          if (why) {
            log(`textDocument/${method} ignored: ${why}`);
            return method === 'willSaveWaitUntil' ? [] : undefined;
          }
          seen?.(method, p);
          return handler(p, ...rest);
        });
    },
  });
}
