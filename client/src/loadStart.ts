// Imported first by extension.ts: the moment dist/client.js starts evaluating its modules (before
// vscode-languageclient's), for the activation timings the extension exports.
export const loadStart = performance.now();
