// Recognises a 政府信息公开工作年度报告 from its first lines, so that plain-text reports (`.txt`) can be
// switched to the `zwgk-report` language. The same test as the server's folder check (one module).
export { DETECT_LINES, looksLikeReport } from '../../server/src/core/detect';
