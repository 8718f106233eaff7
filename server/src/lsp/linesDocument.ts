// The server's open documents, kept as an array of lines (issue 17). vscode-languageserver-textdocument
// keeps one string and rebuilds it on every change: in a 10 MB report each keystroke copied the
// whole text (20 MB) and left it to the garbage collector, 100 ms and more per key on a busy
// machine. Here a change replaces the few lines it touches; the whole text is joined only when
// something asks for it (the check, once per version at most), and offsets and positions come from a
// plain TextDocument made of that text, also once per version.

import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver/node';

/** The text split after each line break (\r\n, \r, \n): every piece but the last ends with its break. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function eolLength(line: string): number {
  if (line.endsWith('\r\n')) return 2;
  return line.endsWith('\n') || line.endsWith('\r') ? 1 : 0;
}

export class LinesDocument implements TextDocument {
  private lines: string[];
  private text: string | undefined;
  private flat: TextDocument | undefined;

  constructor(readonly uri: string, readonly languageId: string, private ver: number, content: string) {
    this.lines = splitLines(content);
    this.text = content;
  }

  get version(): number {
    return this.ver;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  getText(range?: Range): string {
    if (range) return this.plain().getText(range);
    this.text ??= this.lines.join('');
    return this.text;
  }

  offsetAt(position: Position): number {
    return this.plain().offsetAt(position);
  }

  positionAt(offset: number): Position {
    return this.plain().positionAt(offset);
  }

  getLineRange(line: number): Range {
    return this.plain().getLineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.plain().getEOLCharacters(line);
  }

  /** Apply the changes of a didChange, in order. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const c of changes) {
      if ('range' in c && c.range) this.replace(c.range, c.text);
      else this.lines = splitLines(c.text);
    }
    this.ver = version;
    this.text = undefined;
    this.flat = undefined;
  }

  private plain(): TextDocument {
    this.flat ??= TextDocument.create(this.uri, this.languageId, this.ver, this.getText());
    return this.flat;
  }

  /** Replace a range (positions clamped as TextDocument clamps them) by `text`. */
  private replace(range: Range, text: string): void {
    const n = this.lines.length;
    let { start, end } = range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    const at = (p: Position): [number, number] => {
      if (p.line < 0) return [0, 0];
      if (p.line >= n) return [n - 1, this.lines[n - 1].length - eolLength(this.lines[n - 1])];
      const l = this.lines[p.line];
      return [p.line, Math.max(0, Math.min(p.character, l.length - eolLength(l)))];
    };
    const [sl, sc] = at(start);
    const [el, ec] = at(end);
    // the lines either side join in: a \r left at the end of one and a \n at the start of the next
    // make one break, as they do in the text
    const from = Math.max(0, sl - 1);
    const to = Math.min(n - 1, el + 1);
    let joined = '';
    for (let i = from; i < sl; i++) joined += this.lines[i];
    joined += this.lines[sl].slice(0, sc) + text + this.lines[el].slice(ec);
    for (let i = el + 1; i <= to; i++) joined += this.lines[i];
    const pieces = splitLines(joined);
    // a region that ends before the last line ends with its break: the empty piece after it is not a line
    if (to < n - 1) pieces.pop();
    if (pieces.length === to - from + 1) for (let i = 0; i < pieces.length; i++) this.lines[from + i] = pieces[i];
    else if (pieces.length < 10_000) this.lines.splice(from, to - from + 1, ...pieces);
    else this.lines = this.lines.slice(0, from).concat(pieces, this.lines.slice(to + 1)); // (too many for splice's arguments)
  }
}

/** What TextDocuments needs to make and update documents. */
export const LinesDocuments = {
  create: (uri: string, languageId: string, version: number, content: string): LinesDocument => new LinesDocument(uri, languageId, version, content),
  update: (document: LinesDocument, changes: TextDocumentContentChangeEvent[], version: number): LinesDocument => {
    document.update(changes, version);
    return document;
  },
};
