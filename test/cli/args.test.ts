// The option scanner shared by the CLI's subcommands (server/src/cli/args.ts).

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type OptionSpec, collectArgs, needsFileName, oneOf, scanArgs } from '../../server/src/cli/args';

const SPECS: OptionSpec[] = [
  { names: ['--help', '-h'] },
  { names: ['--format'], value: 'value' },
  { names: ['--fix'], value: 'optional' },
  { names: ['--rule'], value: 'value', repeatable: true },
  { names: ['--output', '-o'], value: 'value', nonEmpty: true, missing: needsFileName },
];

const scan = (...argv: string[]) => [...scanArgs(argv, SPECS)];
const collect = (...argv: string[]) => collectArgs(argv, SPECS);

describe('scanArgs', () => {
  test('flags, by any spelling, reported under the first name', () => {
    assert.deepEqual(scan('-h', '--help'), [
      { option: '--help', name: '-h', arg: '-h', value: undefined },
      { option: '--help', name: '--help', arg: '--help', value: undefined },
    ]);
  });

  test('a flag given =value is an error', () => {
    assert.deepEqual(scan('--help=yes', 'a'), [{ error: { zh: '选项 --help 不带值：--help=yes', en: 'Option --help takes no value: --help=yes' } }]);
    assert.deepEqual(scan('--help='), [{ error: { zh: '选项 --help 不带值：--help=', en: 'Option --help takes no value: --help=' } }]);
  });

  test('a value as --name=value (split at the first =) or as the next argument', () => {
    assert.deepEqual(scan('--format=json'), [{ option: '--format', name: '--format', arg: '--format=json', value: 'json' }]);
    assert.deepEqual(scan('--rule=a=b'), [{ option: '--rule', name: '--rule', arg: '--rule=a=b', value: 'a=b' }]);
    assert.deepEqual(scan('--format', 'json', 'x'), [{ option: '--format', name: '--format', arg: '--format', value: 'json' }, { positional: 'x' }]);
    assert.deepEqual(scan('--format='), [{ option: '--format', name: '--format', arg: '--format=', value: '' }]);
    // the next argument is the value whatever it looks like
    assert.deepEqual(scan('--format', '--help'), [{ option: '--format', name: '--format', arg: '--format', value: '--help' }]);
    assert.deepEqual(scan('-o', 'out.txt'), [{ option: '--output', name: '-o', arg: '-o', value: 'out.txt' }]);
  });

  test('a missing value: the default message, or the option\'s own; nonEmpty counts "" as missing', () => {
    assert.deepEqual(scan('x', '--format'), [{ positional: 'x' }, { error: { zh: '选项 --format 需要一个值', en: 'Option --format needs a value' } }]);
    assert.deepEqual(scan('--rule'), [{ error: { zh: '选项 --rule 需要一个值', en: 'Option --rule needs a value' } }]);
    assert.deepEqual(scan('-o'), [{ error: { zh: '选项 -o 需要一个文件名。', en: 'Option -o needs a file name.' } }]);
    assert.deepEqual(scan('--output', ''), [{ error: { zh: '选项 --output 需要一个文件名。', en: 'Option --output needs a file name.' } }]);
    assert.deepEqual(scan('--output='), [{ error: { zh: '选项 --output= 需要一个文件名。', en: 'Option --output= needs a file name.' } }]);
  });

  test('an optional value only as =value: the next argument stays a positional', () => {
    assert.deepEqual(scan('--fix', 'all'), [{ option: '--fix', name: '--fix', arg: '--fix', value: undefined }, { positional: 'all' }]);
    assert.deepEqual(scan('--fix=all'), [{ option: '--fix', name: '--fix', arg: '--fix=all', value: 'all' }]);
    assert.deepEqual(scan('--fix='), [{ option: '--fix', name: '--fix', arg: '--fix=', value: '' }]);
  });

  test('"-" is a positional (standard input); so is everything after "--", which itself is dropped', () => {
    assert.deepEqual(scan('-', 'a'), [{ positional: '-' }, { positional: 'a' }]);
    assert.deepEqual(scan('a', '--', '-h', '--bogus', '--', '-'), [
      { positional: 'a' }, { positional: '-h' }, { positional: '--bogus' }, { positional: '--' }, { positional: '-' },
    ]);
  });

  test('an unknown option is an error naming the whole argument; nothing is scanned after an error', () => {
    assert.deepEqual(scan('a', '--bogus=1', '-h'), [{ positional: 'a' }, { error: { zh: '未知选项：--bogus=1', en: 'Unknown option: --bogus=1' } }]);
    assert.deepEqual(scan('-x'), [{ error: { zh: '未知选项：-x', en: 'Unknown option: -x' } }]);
    // only long options take =value: -o=x is not -o
    assert.deepEqual(scan('-o=x'), [{ error: { zh: '未知选项：-o=x', en: 'Unknown option: -o=x' } }]);
    assert.deepEqual(scan('--=x'), [{ error: { zh: '未知选项：--=x', en: 'Unknown option: --=x' } }]);
    assert.deepEqual(scan('-hx'), [{ error: { zh: '未知选项：-hx', en: 'Unknown option: -hx' } }]);
  });

  test('in order: a command can stop at --help before a later bad option', () => {
    const first = scan('-h', '--bogus')[0];
    assert.ok('option' in first && first.option === '--help');
  });
});

describe('collectArgs', () => {
  test('positionals and options by key: true for a flag, the last value, every value of a repeatable option', () => {
    assert.deepEqual(collect('a', '--format', 'text', '-h', '--rule=x=off', 'b', '--format=json', '--rule', 'y=hint', '--fix', '-', '--', '-o'), {
      positionals: ['a', 'b', '-', '-o'],
      options: { '--format': 'json', '--help': true, '--rule': ['x=off', 'y=hint'], '--fix': true },
    });
    assert.deepEqual(collect('--fix=all'), { positionals: [], options: { '--fix': 'all' } });
    assert.deepEqual(collect(), { positionals: [], options: {} });
  });

  test('the first error', () => {
    assert.deepEqual(collect('a', '--format'), { error: { zh: '选项 --format 需要一个值', en: 'Option --format needs a value' } });
    assert.deepEqual(collect('--nope', '--format'), { error: { zh: '未知选项：--nope', en: 'Unknown option: --nope' } });
  });
});

describe('oneOf', () => {
  test('the value, or a message listing the choices', () => {
    assert.deepEqual(oneOf('--lang', 'en', ['zh', 'en']), { value: 'en' });
    assert.deepEqual(oneOf('--format', 'xml', ['text', 'json']), { error: { zh: '--format 只能是 text 或 json：xml', en: '--format must be text or json: xml' } });
    assert.deepEqual(oneOf('--format-version', '', ['auto', '2019', '2021']), {
      error: { zh: '--format-version 只能是 auto、2019 或 2021：', en: '--format-version must be auto, 2019 or 2021: ' },
    });
  });
});
