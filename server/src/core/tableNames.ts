// One name for each statistics table, used everywhere (hover, outline, snippets, messages, docs): the
// table is named after the section it belongs to, as the official notices lay them out (二、三、四).
// Numbers ("表一", "表三") are not used: reports and readers count the tables differently.

import type { Msg, TableKind } from './types';

export const TABLE_NAMES: Readonly<Record<TableKind, Msg>> = Object.freeze({
  active: Object.freeze({ zh: '主动公开政府信息情况表', en: 'proactive disclosure table' }),
  requests: Object.freeze({ zh: '收到和处理政府信息公开申请情况表', en: 'requests received and handled table' }),
  review: Object.freeze({ zh: '政府信息公开行政复议、行政诉讼情况表', en: 'administrative review and litigation table' }),
  stats: Object.freeze({ zh: '统计表', en: 'statistics table' }),
});
