import { type ChildProcess } from 'node:child_process';
import { seededRandom, type Fault, type FaultProxy, type FaultRule, type ProxyRequest } from '../../support/faultProxy';
import { builtCli, cliEnv, nodeBinary, runProcess, type ProcessRun } from './fixture';

/** When to kill: `delayMs` after the proxy received the `request`-th list request of that run (0: after the spawn). */
export interface Moment {
  readonly request: number;
  readonly delayMs: number;
}

/** `count` seeded moments, each at one of the first `requests` list requests, up to 40 ms after it. */
export function moments(seed: number, count: number, requests: number, first = 0): Moment[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => ({ request: first + Math.floor(random() * requests), delayMs: Math.floor(random() * 40) }));
}

/**
 * Runs the CLI as it ships (`paged-aws-export`) through `proxy`, each list request `latencyMs` late so that a kill
 * can land while a request is out, a page is written, synced or checkpointed; `kill` SIGKILLs it at that moment.
 * `extra` adds faults to the list requests (a refused token, say). The proxy's rule is this runner's while it runs.
 */
export function cliRunner(proxy: FaultProxy, options: {
  readonly cwd: string;
  readonly isList: (request: ProxyRequest) => boolean;
  readonly latencyMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly extra?: FaultRule;
}): (args: readonly string[], kill?: Moment) => Promise<ProcessRun> {
  return async (args, kill) => {
    const cli = await builtCli();
    let listRequests = 0;
    let onListRequest: ((index: number) => void) | undefined;
    proxy.setRule((request) => {
      if (!options.isList(request)) {
        return undefined;
      }
      onListRequest?.(++listRequests);
      const extra = options.extra?.(request);
      const faults: Fault[] = [{ kind: 'latency', ms: options.latencyMs ?? 10 }];
      return extra === undefined ? faults : faults.concat(extra as Fault | Fault[]);
    });
    let fired = false;
    try {
      return await runProcess(nodeBinary, [cli, ...args], {
        env: cliEnv(proxy, options.env), cwd: options.cwd,
        onSpawn: (child: ChildProcess) => {
          const fire = () => {
            fired = true;
            setTimeout(() => child.kill('SIGKILL'), kill!.delayMs);
          };
          onListRequest = kill && ((index) => {
            if (index === kill.request && !fired) {
              fire();
            }
          });
          if (kill?.request === 0) {
            fire();
          }
        },
      });
    } finally {
      onListRequest = undefined;
      proxy.setRule(undefined);
    }
  };
}
