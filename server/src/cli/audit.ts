// Placeholder for `zwgk-report audit`: being written by another engineer, who will replace this file.
import type { CliIo } from './io';

export function run(_argv: string[], io: CliIo): number {
  io.stderr('zwgk-report audit：尚未实现 / not implemented yet\n');
  return 2;
}
