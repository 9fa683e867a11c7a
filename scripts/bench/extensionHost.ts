// The extension host of a running code-server, measured from outside: found among code-server's processes, its
// inspector opened with SIGUSR1 (as `node --inspect` would, on 127.0.0.1:9229), so that a full garbage collection
// can run before each reading. Runs on Node 24 (its global WebSocket).
import * as fs from 'node:fs';

export interface Memory {
  /** Resident set size from /proc, MB: what the issue and `top` call the process's memory. */
  readonly rssMb: number;
  /** The JS heap in use after a full collection, MB. */
  readonly heapMb: number;
}

/** The process id of the extension host under a code-server process group (its leader's pid). */
export function findExtensionHost(serverPid: number): number | undefined {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      parents.set(Number(entry), Number(stat[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const under = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === serverPid) {
        return true;
      }
    }
    return false;
  };
  return [...parents.keys()].find((pid) => {
    if (!under(pid)) {
      return false;
    }
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('extensionHost');
    } catch {
      return false;
    }
  });
}

/** A Chrome DevTools Protocol session with the extension host's inspector. */
export class ExtensionHostInspector {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(readonly pid: number, private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (waiting) {
        this.pending.delete(message.id!);
        if (message.error) {
          waiting.reject(new Error(message.error.message));
        } else {
          waiting.resolve(message.result);
        }
      }
    });
  }

  static async attach(pid: number, port = 9229): Promise<ExtensionHostInspector> {
    process.kill(pid, 'SIGUSR1');
    const deadline = Date.now() + 15_000;
    let url: string | undefined;
    while (!url) {
      try {
        const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json() as Array<{ webSocketDebuggerUrl: string }>;
        url = targets[0]?.webSocketDebuggerUrl;
      } catch {
        // Not listening yet.
      }
      if (!url) {
        if (Date.now() > deadline) {
          throw new Error(`the extension host (pid ${pid}) opened no inspector on port ${port}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
    });
    const inspector = new ExtensionHostInspector(pid, socket);
    // Port 9229 held by another process (an earlier run's) would mean measuring that one.
    const { result } = await inspector.send('Runtime.evaluate', { expression: 'process.pid', returnByValue: true }) as { result: { value: number } };
    if (result.value !== pid) {
      inspector.close();
      throw new Error(`the inspector on port ${port} belongs to process ${result.value}, not to the extension host (${pid}): stop that process first`);
    }
    return inspector;
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Memory after two full collections (the second picks up what finalizers of the first released). */
  async memory(): Promise<Memory> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    const { result } = await this.send('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true }) as { result: { value: number } };
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { rssMb: rssKb / 1024, heapMb: result.value / 2 ** 20 };
  }

  /** Starts V8's sampling heap profiler: it follows a sample of allocations for as long as they stay alive. */
  async startSampling(): Promise<void> {
    await this.send('HeapProfiler.startSampling', { samplingInterval: 8192 });
  }

  /**
   * After full collections, the live sampled bytes by the function that allocated them (with its caller), largest
   * first: what holds the memory, for BENCH_HEAP_PROFILE.
   */
  async liveAllocations(top = 30): Promise<string[]> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    const { profile } = await this.send('HeapProfiler.getSamplingProfile') as { profile: { head: SamplingNode } };
    await this.send('HeapProfiler.stopSampling');
    const sites = new Map<string, number>();
    const name = (node: SamplingNode) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
    const walk = (node: SamplingNode, parent: SamplingNode | undefined) => {
      if (node.selfSize) {
        const site = `${name(node)} ← ${parent ? name(parent) : ''}`;
        sites.set(site, (sites.get(site) ?? 0) + node.selfSize);
      }
      node.children.forEach((child) => walk(child, node));
    };
    walk(profile.head, undefined);
    return [...sites].sort((a, b) => b[1] - a[1]).slice(0, top).map(([site, bytes]) => `${(bytes / 2 ** 20).toFixed(1).padStart(7)} MB  ${site}`);
  }

  close(): void {
    this.socket.close();
  }
}

interface SamplingNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}
