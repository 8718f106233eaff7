// Entry point of the zwgk-report language server (bundled to dist/server.js).
//   node dist/server.js --node-ipc   (the VS Code client)
//   node dist/server.js --stdio      (Neovim, Emacs, Sublime … see docs/server.md)
// Without a transport flag it talks over stdin/stdout.

import { isMainThread } from 'worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// (a worker thread started from this bundle, the file conversion's (import/convertWorker.ts),
// runs that module's code only)
if (isMainThread) {
  const TRANSPORT = /^--(stdio|node-ipc|socket|pipe|clientProcessId)/;
  const connection = process.argv.some((a) => TRANSPORT.test(a))
    ? createConnection(ProposedFeatures.all)
    : createConnection(ProposedFeatures.all, process.stdin, process.stdout);

  process.on('uncaughtException', (e) => {
    try { connection.console.error(`uncaught: ${e?.stack ?? e}`); } catch { /* closed */ }
  });
  process.on('unhandledRejection', (e) => {
    try { connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`); } catch { /* closed */ }
  });

  startServer(connection);
}
