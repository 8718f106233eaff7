// tsconfig uses `moduleResolution: node`, which ignores package.json `exports`; vscode-languageclient@11
// publishes its Node entry only as the `./node` export. Map it for the type checker (esbuild and Node
// resolve the export themselves).
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
