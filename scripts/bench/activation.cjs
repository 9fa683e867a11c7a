// Measures the extension's start-up in a fresh process: require of the bundle plus activate().
// VS Code is not running here, so a minimal fake `vscode` module is injected for this measurement only: every API
// is a do-nothing stand-in, which makes the figure the extension's own cost (its code, not the workbench's).
// Usage: node activation.cjs dist/extension.js  → prints {"requireMs":…,"activateMs":…}
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');

function stub() {
  const target = function () {};
  const cache = new Map();
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then' || prop === Symbol.iterator || prop === Symbol.asyncIterator) {
        return undefined;
      }
      if (prop === Symbol.toPrimitive) {
        return () => '';
      }
      if (!cache.has(prop)) {
        cache.set(prop, stub());
      }
      return cache.get(prop);
    },
    set(_t, prop, value) {
      cache.set(prop, value);
      return true;
    },
    defineProperty(_t, prop, descriptor) {
      cache.set(prop, descriptor.value ?? descriptor.get?.());
      return true;
    },
    apply: () => stub(),
    construct: () => stub(),
  });
}

// Named properties, because the bundle copies the module's own keys (esbuild's CommonJS interop).
const fakeVscode = Object.fromEntries([
  'window', 'workspace', 'commands', 'env', 'languages', 'extensions', 'authentication', 'l10n', 'Uri', 'ThemeIcon',
  'ThemeColor', 'TreeItem', 'TreeItemCollapsibleState', 'TreeItemCheckboxState', 'EventEmitter', 'Disposable',
  'ProgressLocation', 'ConfigurationTarget', 'StatusBarAlignment', 'MarkdownString', 'QuickPickItemKind',
  'CancellationTokenSource', 'CancellationError', 'LogLevel', 'ViewColumn', 'FileType', 'RelativePattern', 'Range',
  'Position', 'Selection', 'DataTransferItem', 'TabInputText', 'version',
].map((name) => [name, stub()]));
const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? fakeVscode : originalLoad.call(this, request, ...rest);
};

const storage = path.join(os.tmpdir(), 'paged-aws-bench-activation');
const context = new Proxy({
  subscriptions: [],
  globalStorageUri: { fsPath: storage, path: storage, scheme: 'file' },
  extensionUri: { fsPath: path.resolve(__dirname, '../..'), path: path.resolve(__dirname, '../..'), scheme: 'file' },
  extensionPath: path.resolve(__dirname, '../..'),
  globalState: { get: (_key, fallback) => fallback, update: async () => undefined, keys: () => [] },
  workspaceState: { get: (_key, fallback) => fallback, update: async () => undefined, keys: () => [] },
  secrets: { get: async () => undefined, store: async () => undefined },
}, { get: (t, prop) => (prop in t ? t[prop] : stub()) });

const bundle = path.resolve(process.argv[2]);
const t0 = performance.now();
const extension = require(bundle);
const t1 = performance.now();
Promise.resolve(extension.activate(context)).then(() => {
  const t2 = performance.now();
  process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1 })}\n`);
  process.exit(0);
}, (error) => {
  console.error(error);
  process.exit(1);
});
