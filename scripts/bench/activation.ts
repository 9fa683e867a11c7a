// Measures the extension's start-up in a fresh process: require of the bundle plus activate().
// VS Code is not running here, so a minimal fake `vscode` module is injected for this measurement only: every API
// is a do-nothing stand-in, which makes the figure the extension's own cost (its code, not the workbench's).
// Bundled by the benchmark (esbuild) so it starts as plain JavaScript: node activation.js dist/extension.js
// → prints {"requireMs":…,"activateMs":…}
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

type Stub = (() => Stub) & Record<string | symbol, unknown>;

function stub(): Stub {
  const target = function () {} as unknown as Stub;
  const cache = new Map<string | symbol, unknown>();
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
    defineProperty(_t, prop, descriptor: PropertyDescriptor) {
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
type Loader = (request: string, ...rest: unknown[]) => unknown;
const loader = Module as unknown as { _load: Loader };
const originalLoad = loader._load;
loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fakeVscode : originalLoad.call(this, request, ...rest);
};

const storage = path.join(os.tmpdir(), 'paged-aws-bench-activation');
const root = process.cwd();
const context = new Proxy<Record<string, unknown>>({
  subscriptions: [],
  globalStorageUri: { fsPath: storage, path: storage, scheme: 'file' },
  extensionUri: { fsPath: root, path: root, scheme: 'file' },
  extensionPath: root,
  globalState: { get: (_key: string, fallback: unknown) => fallback, update: async () => undefined, keys: () => [] },
  workspaceState: { get: (_key: string, fallback: unknown) => fallback, update: async () => undefined, keys: () => [] },
  secrets: { get: async () => undefined, store: async () => undefined },
}, { get: (t, prop) => (prop in t ? t[prop as string] : stub()) });

const bundle = path.resolve(process.argv[2]);
const t0 = performance.now();
const extension = createRequire(path.join(root, 'noop.js'))(bundle) as { activate(context: unknown): unknown };
const t1 = performance.now();
Promise.resolve(extension.activate(context)).then(() => {
  const t2 = performance.now();
  process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1 })}\n`);
  process.exit(0);
}, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
