// tsconfig uses `moduleResolution: node`, which ignores package.json `exports`; vscode-languageserver@11,
// vscode-languageserver-protocol and vscode-jsonrpc publish their entries only as `exports`. Map them
// for the type checker (esbuild and Node resolve the exports themselves). The tests' JSON-RPC client
// (test/server) uses the `vscode-jsonrpc/node` mapping too.
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
declare module 'vscode-languageserver' {
  export * from 'vscode-languageserver/lib/common/api';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
