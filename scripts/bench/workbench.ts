// The tree as a user loads it: the production VSIX in code-server, driven in Chromium, Load All on long lists, the
// extension host's memory read from outside after full collections (see extensionHost.ts). Started by the benchmark
// and run on Node 24 (through tsx). Usage: node --import tsx workbench.ts CONFIG_JSON; prints WorkbenchFigures as JSON on its last line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { baseUserSettings, chromiumArgs, createProfile, installExtension, startCodeServer } from '../lib/codeServer';
import { eventually, Workbench } from '../../test/e2e/support/workbench';
import { ExtensionHostInspector, findExtensionHost, type Memory } from './extensionHost';

export interface WorkbenchConfig {
  readonly codeServerEntry: string;
  readonly vsix: string;
  readonly tmp: string;
  /** fauxqs behind the latency proxy (S3, SNS, SQS). */
  readonly fauxqs: string;
  readonly dynalite: string;
  readonly env: NodeJS.ProcessEnv;
  readonly rows: { readonly bucket: string; readonly keys: number; readonly lastKey: string };
  readonly topics: number;
  readonly queues: number;
  readonly table: { readonly name: string; readonly items: number };
  readonly pageSize: number;
}

/** Memory of the extension host with a list's first page loaded, and with every page loaded. */
export interface RowMemory {
  readonly label: string;
  readonly rows: number;
  readonly firstPage: Memory;
  readonly loaded: Memory;
  /** Growth per row past the first page, bytes. */
  readonly rssPerRow: number;
  readonly heapPerRow: number;
  /** Load All from the first page to the last, seconds. */
  readonly seconds: number;
}

export interface WorkbenchFigures {
  readonly pageSize: number;
  readonly memory: RowMemory[];
  /** Load All of the 100,000 keys (from where the cancelled one stopped). */
  readonly loadAll: {
    readonly rows: number;
    readonly seconds: number;
    /** Click on another list until its rows show, while Load All runs, ms. */
    readonly clickMs: number[];
    /** End in the tree shows the list's last key. */
    readonly endReachesLast: boolean;
  };
  /** Cancel of a Load All: rows the list gained after the click on Cancel, and the page size. */
  readonly cancel: { readonly shownAtClick: number; readonly kept: number };
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const count = (text: string) => Number(/([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]) as WorkbenchConfig;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    // Each part in a fresh extension host, so one list's figures are not another's garbage.
    const inSession = async <T>(name: string, endpoint: string, measure: (wb: Workbench, inspector: ExtensionHostInspector) => Promise<T>): Promise<T> => {
      const started = await session(browser, config, name, endpoint);
      try {
        return await measure(started.wb, started.inspector);
      } finally {
        await started.stop();
      }
    };
    const s3 = await inSession('s3', config.fauxqs, (wb, inspector) => measureS3(wb, inspector, config));
    const others = await inSession('sns-sqs', config.fauxqs, async (wb, inspector) => {
      const sns = await loadAllMeasured(wb, inspector, 'SNS Topics', 1, 'SNS topics', config.topics);
      await wb.collapse('SNS Topics', 1);
      return [sns, await loadAllMeasured(wb, inspector, 'SQS Queues', 1, 'SQS queues', config.queues)];
    });
    const dynamo = await inSession('dynamodb', config.dynalite, async (wb, inspector) => {
      await wb.expand('DynamoDB Tables', 1);
      return loadAllMeasured(wb, inspector, config.table.name, 2, `DynamoDB items (${config.table.name})`, config.table.items);
    });
    const figures: WorkbenchFigures = { pageSize: config.pageSize, memory: [...s3.memory, ...others, dynamo], loadAll: s3.loadAll, cancel: s3.cancel };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await browser.close();
  }
}

/** A code-server of its own on one endpoint, its workbench open on the view, its extension host's inspector attached. */
async function session(browser: Browser, config: WorkbenchConfig, name: string, endpoint: string) {
  const profile = createProfile(path.join(config.tmp, `code-server-${name}`), baseUserSettings({
    'pagedAwsExplorer.profile': '', 'pagedAwsExplorer.endpointUrl': endpoint, 'pagedAwsExplorer.pageSize': config.pageSize,
  }));
  installExtension(config.codeServerEntry, profile, config.vsix);
  const server = await startCodeServer(config.codeServerEntry, { profile, env: config.env });
  const workspace = path.join(config.tmp, `workspace-${name}`);
  fs.mkdirSync(workspace, { recursive: true });
  const wb = await Workbench.open(browser, server.folderUrl(workspace));
  await wb.openContainer();
  await wb.waitForRow('SNS Topics', 60_000, 1);
  const pid = await eventually(async () => {
    const found = findExtensionHost(server.process.pid!);
    if (!found) {
      throw new Error('no extension host yet');
    }
    return found;
  }, 30_000, 'the extension host');
  const inspector = await ExtensionHostInspector.attach(pid);
  say(`  ${name}: code-server ${server.url}, extension host pid ${pid}`);
  return {
    wb, inspector,
    stop: async () => {
      inspector.close();
      await wb.close();
      await server.stop();
    },
  };
}

async function measureS3(wb: Workbench, inspector: ExtensionHostInspector, config: WorkbenchConfig) {
  const { bucket, keys } = config.rows;
  // SNS Topics, expanded to its first page and collapsed again: the list clicked while Load All runs.
  await wb.expand('SNS Topics', 1);
  await wb.loadedChildren('SNS Topics', 1);
  await wb.collapse('SNS Topics', 1);
  await wb.expand('S3 Buckets', 1);
  await wb.expand(bucket, 2);
  await wb.loadedChildren(bucket, 2);
  await settle();
  const firstPage = await inspector.memory();
  say(`  ${bucket}: first page, extension host ${firstPage.rssMb.toFixed(0)} MB (heap ${firstPage.heapMb.toFixed(0)} MB)`);

  // BENCH_HEAP_PROFILE=1: what the rows added below keep alive, by allocation site (to find what to make smaller).
  const profiling = Boolean(process.env.BENCH_HEAP_PROFILE);
  if (profiling) {
    await inspector.startSampling();
  }
  // Load All, Keep Loading at the prompt, and Cancel once 30,000 rows are in: the figures at 30,000.
  const started = performance.now();
  await startLoadAll(wb, bucket, 2);
  const progress = wb.page.locator('.notifications-toasts .notification-list-item', { hasText: /Loading all objects/ }).first();
  await eventually(async () => {
    await keepLoadingIfAsked(wb);
    const text = await progress.locator('.notification-list-item-message').innerText({ timeout: 1_000 });
    if (!(count(text) >= 30_000)) {
      throw new Error(text);
    }
  }, 300_000, '30,000 rows');
  // What the notification showed at the very moment of the click, read in the page on mousedown.
  const cancelButton = progress.locator('.monaco-button', { hasText: /^Cancel$/ });
  await progress.hover();
  await cancelButton.evaluate((button) => {
    button.addEventListener('mousedown', () => {
      const item = button.closest('.notification-list-item');
      (globalThis as unknown as { shownAtClick?: string }).shownAtClick = item?.querySelector('.notification-list-item-message')?.textContent ?? '';
    }, { capture: true, once: true });
  });
  await cancelButton.click();
  const shownAtClick = count(await wb.page.evaluate(() => (globalThis as unknown as { shownAtClick?: string }).shownAtClick ?? ''));
  const partial = await settledCount(wb, bucket, 2);
  const seconds30k = (performance.now() - started) / 1000;
  const at30k = await inspector.memory();
  if (profiling) {
    say(`  live allocations since the first page:\n${(await inspector.liveAllocations()).join('\n')}`);
  }
  say(`  ${bucket}: ${partial} rows after Cancel (shown at the click: ${shownAtClick}), ${at30k.rssMb.toFixed(0)} MB (heap ${at30k.heapMb.toFixed(0)} MB)`);

  // Load All again to the end, clicking SNS Topics open and closed while it loads.
  const resumed = performance.now();
  await startLoadAll(wb, bucket, 2);
  const clickMs: number[] = [];
  const done = waitForTotal(wb, bucket, 2, keys, 600_000);
  let finished = false;
  void done.then(() => {
    finished = true;
  }, () => {
    finished = true;
  });
  while (!finished) {
    clickMs.push(await timedExpand(wb, 'SNS Topics'));
    await wb.collapse('SNS Topics', 1);
    await new Promise((r) => setTimeout(r, 300));
  }
  await done;
  const loadSeconds = (performance.now() - resumed) / 1000;
  const endReachesLast = await endShows(wb, config.rows.lastKey);
  const all = await inspector.memory();
  say(`  ${bucket}: ${keys} rows in ${loadSeconds.toFixed(1)} s, ${all.rssMb.toFixed(0)} MB (heap ${all.heapMb.toFixed(0)} MB); clicks ${clickMs.map((ms) => ms.toFixed(0)).join(' ')} ms; End shows the last: ${endReachesLast}`);
  await wb.scrollToTop();
  await wb.collapse(bucket, 2);

  const memory = [
    perRow(`S3 objects, ${partial.toLocaleString('en-US')} rows (${bucket})`, partial, firstPage, at30k, seconds30k, config.pageSize),
    perRow(`S3 objects, ${keys.toLocaleString('en-US')} rows (${bucket})`, keys, firstPage, all, seconds30k + loadSeconds, config.pageSize),
  ];
  return { memory, loadAll: { rows: keys, seconds: loadSeconds, clickMs, endReachesLast }, cancel: { shownAtClick, kept: partial } };
}

/** Expands a list to its first page, reads the memory, loads every page (Keep Loading at the prompt), reads it again. */
async function loadAllMeasured(wb: Workbench, inspector: ExtensionHostInspector, label: string, level: number, name: string, total: number): Promise<RowMemory> {
  await wb.expand(label, level);
  const first = await wb.loadedChildren(label, level);
  await settle();
  const before = await inspector.memory();
  const started = performance.now();
  await startLoadAll(wb, label, level);
  await waitForTotal(wb, label, level, total, 600_000);
  const seconds = (performance.now() - started) / 1000;
  await settle();
  const after = await inspector.memory();
  say(`  ${name}: ${first.length - 1} → ${total} rows in ${seconds.toFixed(1)} s, ${before.rssMb.toFixed(0)} → ${after.rssMb.toFixed(0)} MB (heap ${before.heapMb.toFixed(0)} → ${after.heapMb.toFixed(0)} MB)`);
  await wb.scrollToTop();
  return perRow(`${name}, ${total.toLocaleString('en-US')} rows`, total, before, after, seconds, first.length - 1);
}

function perRow(label: string, rows: number, firstPage: Memory, loaded: Memory, seconds: number, firstRows: number): RowMemory {
  const added = rows - firstRows;
  return {
    label, rows, firstPage, loaded, seconds,
    rssPerRow: ((loaded.rssMb - firstPage.rssMb) * 2 ** 20) / added,
    heapPerRow: ((loaded.heapMb - firstPage.heapMb) * 2 ** 20) / added,
  };
}

/** Load All from the list's context menu (past 5,000 rows it asks first: see keepLoadingIfAsked). */
async function startLoadAll(wb: Workbench, label: string, level: number): Promise<void> {
  await wb.contextMenu(label, 'Load All', level);
}

/** Answers "A tree that long is slow to use…" with Keep Loading, if it is shown. */
async function keepLoadingIfAsked(wb: Workbench): Promise<void> {
  const prompt = wb.page.locator('.notifications-toasts .notification-list-item', { hasText: /A tree that long is slow/ }).first();
  if (await prompt.isVisible()) {
    await prompt.hover();
    await prompt.locator('.monaco-button', { hasText: /^Keep Loading$/ }).click();
  }
}

/** Waits for a list node to show `total` with no "more" after it, answering the 5,000 prompt if it comes. */
async function waitForTotal(wb: Workbench, label: string, level: number, total: number, timeoutMs: number): Promise<void> {
  await eventually(async () => {
    await keepLoadingIfAsked(wb);
    const text = await wb.row(label, level).locator('.label-description').innerText({ timeout: 1_000 });
    if (/more/.test(text) || count(text) !== total) {
      throw new Error(`"${label}" shows ${text}`);
    }
  }, timeoutMs, `${label} to hold ${total} rows`);
}

/** The row count a list node shows once it stops changing. */
async function settledCount(wb: Workbench, label: string, level: number): Promise<number> {
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const text = await wb.row(label, level).locator('.label-description').innerText();
    if (text !== last) {
      last = text;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 3_000 && !/loading/.test(text)) {
      return count(text);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Clicks a collapsed list's twistie and measures, in the page, until its first child row is drawn. */
async function timedExpand(wb: Workbench, label: string): Promise<number> {
  const row = await wb.waitForRow(label, 30_000, 1);
  const twistie = row.locator('.monaco-tl-twistie');
  await twistie.evaluate((element) => {
    const w = globalThis as unknown as { expandClick?: number };
    element.addEventListener('mousedown', () => {
      w.expandClick = performance.now();
    }, { capture: true, once: true });
  });
  await twistie.click();
  // An expression in a string, not a function: tsx would wrap the named inner function in a helper the page lacks.
  const index = Number(await row.getAttribute('data-index'));
  const ms = await wb.page.evaluate(`new Promise((resolve) => {
    const tree = document.querySelector('.part.sidebar .monaco-list[role="tree"]');
    (function check() {
      const child = tree && tree.querySelector('.monaco-list-row[data-index="${index + 1}"][aria-level="2"]');
      if (child && !/Loading/.test(child.textContent || '')) {
        resolve(performance.now() - (window.expandClick || 0));
      } else {
        requestAnimationFrame(check);
      }
    })();
  })`) as number;
  await wb.moveMouseAway();
  return ms;
}

/** End in the tree: the list's last key is drawn (the tree holds every row, not the first few thousand). */
async function endShows(wb: Workbench, lastKey: string): Promise<boolean> {
  // The list node shows its total before the workbench has drawn the rows of that last redraw: a few tries.
  return eventually(async () => {
    await wb.tree.focus();
    await wb.page.keyboard.press('End');
    await wb.row(lastKey, 3).waitFor({ timeout: 2_000 });
    return true;
  }, 60_000, `End to show ${lastKey}`).catch(() => false);
}

/** Lets the extension host finish what a refresh started before memory is read. */
function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 1_500));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
