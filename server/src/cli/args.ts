// The option scanner shared by the subcommands (check, audit, render, import).
//
// Node's util.parseArgs cannot say what the CLI needs (`--fix` with an optional `=all`, messages in
// Chinese and English, `-` as a positional for standard input), so this small one does:
//   - `-` and anything not starting with `-` is a positional; after `--` everything is;
//   - `--name=value` (split at the first `=`, long options only) or `--name value`;
//   - a flag given `=value`, an unknown option and a missing value are bilingual errors.
// scanArgs yields the arguments one by one, in order, so a command can act on each as it comes
// (`--help` at once, the first bad value reported); collectArgs gathers them into one object.

export type Bilingual = { zh: string; en: string };

export interface OptionSpec {
  /** Its spellings, e.g. `['--output', '-o']`; the first is the key it is reported under. */
  names: readonly string[];
  /** 'flag' (default): no value; 'value': `--name=v` or `--name v`; 'optional': a value only as `--name=v`. */
  value?: 'flag' | 'value' | 'optional';
  /** With 'value': an empty value counts as missing. */
  nonEmpty?: boolean;
  /** collectArgs keeps every occurrence (in order) instead of the last. */
  repeatable?: boolean;
  /** The error for a missing value; `name` as written, `arg` the whole argument. Default: needsValue. */
  missing?: (name: string, arg: string) => Bilingual;
}

export type ArgToken =
  | { positional: string }
  /** `option`: the spec's key; `name`: as written; `arg`: the whole argument; `value`: undefined for a flag or an optional value not given. */
  | { option: string; name: string; arg: string; value: string | undefined }
  | { error: Bilingual };

export const needsValue = (name: string): Bilingual => ({ zh: `选项 ${name} 需要一个值`, en: `Option ${name} needs a value` });

/** For an option naming an output file (render, import): `arg` as written, `--html=` included. */
export const needsFileName = (_name: string, arg: string): Bilingual => ({ zh: `选项 ${arg} 需要一个文件名。`, en: `Option ${arg} needs a file name.` });

export const unknownOption = (arg: string): Bilingual => ({ zh: `未知选项：${arg}`, en: `Unknown option: ${arg}` });

/** The arguments one by one; after an error nothing more. */
export function* scanArgs(argv: readonly string[], specs: readonly OptionSpec[]): Generator<ArgToken, void, undefined> {
  const byName = new Map<string, OptionSpec>();
  for (const spec of specs) for (const n of spec.names) byName.set(n, spec);
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      yield { positional: arg };
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const spec = byName.get(name);
    if (!spec) {
      yield { error: unknownOption(arg) };
      return;
    }
    const option = spec.names[0];
    const kind = spec.value ?? 'flag';
    let value = inline;
    if (kind === 'flag' && inline !== undefined) {
      yield { error: { zh: `选项 ${name} 不带值：${arg}`, en: `Option ${name} takes no value: ${arg}` } };
      return;
    }
    if (kind === 'value') {
      value ??= argv[++i];
      if (value === undefined || (spec.nonEmpty && value === '')) {
        yield { error: spec.missing ? spec.missing(name, arg) : needsValue(name) };
        return;
      }
    }
    yield { option, name, arg, value };
  }
}

export interface CollectedArgs {
  positionals: string[];
  /** By key: `true` for a flag (or an optional value not given), the value, or every value of a repeatable option. */
  options: Record<string, string | true | (string | true)[]>;
}

/** All the arguments at once: the positionals and the options by key, or the first error. */
export function collectArgs(argv: readonly string[], specs: readonly OptionSpec[]): CollectedArgs | { error: Bilingual } {
  const out: CollectedArgs = { positionals: [], options: {} };
  const repeatable = new Set(specs.filter((s) => s.repeatable).map((s) => s.names[0]));
  for (const t of scanArgs(argv, specs)) {
    if ('error' in t) return t;
    if ('positional' in t) {
      out.positionals.push(t.positional);
      continue;
    }
    const v = t.value ?? true;
    if (repeatable.has(t.option)) ((out.options[t.option] ??= []) as (string | true)[]).push(v);
    else out.options[t.option] = v;
  }
  return out;
}

/** Bad usage of render or import: the reason and the usage on stderr; exit code 2. */
export function usageError(io: { stderr(s: string): void; lang: 'zh' | 'en' }, usage: Bilingual, error: Bilingual): number {
  io.stderr(`${error[io.lang]}\n${usage[io.lang]}\n`);
  return 2;
}

/** `allowed` as the messages list them: `a、b 或 c` / `a, b or c`. */
function alternatives(allowed: readonly string[], lang: 'zh' | 'en'): string {
  const head = allowed.slice(0, -1).join(lang === 'zh' ? '、' : ', ');
  return head ? `${head} ${lang === 'zh' ? '或' : 'or'} ${allowed[allowed.length - 1]}` : allowed[0];
}

/** The value if it is one of `allowed`, else `--name 只能是 a 或 b：value`. */
export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): { value: T } | { error: Bilingual } {
  if ((allowed as readonly string[]).includes(value)) return { value: value as T };
  return { error: { zh: `${name} 只能是 ${alternatives(allowed, 'zh')}：${value}`, en: `${name} must be ${alternatives(allowed, 'en')}: ${value}` } };
}
