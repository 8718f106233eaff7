// The server runs under the VS Code client (--node-ipc) as well as over stdio (other editors).
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import {
  createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node';
import { sample, SERVER, uriOf } from './lspClient';

async function roundTrip(conn: MessageConnection): Promise<void> {
  const published = new Promise<{ diagnostics: { code: string; range: { start: { line: number } } }[] }>((resolve) => {
    conn.onNotification('textDocument/publishDiagnostics', (p) => resolve(p));
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const init = await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } }) as { capabilities: { textDocumentSync: { change: number } } };
  assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('004.zwgk'), languageId: 'zwgk-report', version: 1, text: sample('004') } });
  const p = await published;
  assert.ok(p.diagnostics.some((d) => d.code === 'table-shape' && d.range.start.line === 34));
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
}

describe('transports', () => {
  it('--node-ipc (the VS Code client)', async () => {
    const child = fork(SERVER, ['--node-ipc'], { silent: true });
    const exited = new Promise((r) => child.once('exit', r));
    const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    await roundTrip(conn);
    await exited;
    conn.dispose();
  });

  it('no transport flag: stdin/stdout', async () => {
    const child = spawn(process.execPath, [SERVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise((r) => child.once('exit', r));
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    await roundTrip(conn);
    await exited;
    conn.dispose();
  });
});
