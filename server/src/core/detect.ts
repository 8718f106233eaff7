// Recognises a 政府信息公开工作年度报告 from its first lines: the client switches plain-text files to
// the report language with it, and the server's folder check picks the .txt reports of a folder.
// Pure.

/** How many lines from the top of the document are looked at. */
export const DETECT_LINES = 10;

/** The title, e.g. 「济宁市人民政府办公室2020年政府信息公开工作年度报告」 (possibly with spaces). */
const TITLE = /政府信息公开(?:工作)?(?:年度报告|年报)/;
/** A title line is short: a body paragraph that merely mentions the report is not a title. */
const MAX_TITLE_CHARS = 60;

/**
 * True when one of the first {@link DETECT_LINES} lines is a report title, or when two consecutive
 * non-blank lines form one (the title is often split over two lines, e.g. 「…2020年政府信息公开」 /
 * 「工作年度报告」 with a blank line between them).
 */
export function looksLikeReport(firstLines: readonly string[]): boolean {
  const lines = firstLines
    .slice(0, DETECT_LINES)
    .map((l) => l.replace(/[\s\u3000\uFEFF]+/g, ''))
    .filter((l) => l.length > 0);
  for (let i = 0; i < lines.length; i++) {
    const one = lines[i];
    if (one.length <= MAX_TITLE_CHARS && TITLE.test(one)) return true;
    const two = one + (lines[i + 1] ?? '');
    if (i + 1 < lines.length && two.length <= MAX_TITLE_CHARS && TITLE.test(two)) return true;
  }
  return false;
}
