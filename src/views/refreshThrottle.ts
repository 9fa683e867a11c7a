/**
 * How often a list node is redrawn while Load All fills it. VS Code redraws a node by asking for all of its children
 * again: getChildren, a getTreeItem per row, every row sent to the workbench and laid out there. The extension host
 * also keeps a little of every redrawn row for good (each row's DisposableStore stays registered with the view after
 * the row is replaced: the largest part of the host's growth in a Load All, by the heap profile that
 * `BENCH_HEAP_PROFILE=1 npm run bench` prints). A redraw after each page would make Load All quadratic in time and
 * memory. So while Load All runs, a list is redrawn once its row count has grown fourfold since the last redraw (and
 * at most every 250 ms), and past 5,000 rows (where Load All asks before it goes on) not until it stops: the rows
 * redrawn add up to a little more than the list. The progress notification counts every page meanwhile, and the last
 * change is always drawn.
 */
export class RefreshThrottle<T> {
  /** Per target: the rows at its last redraw and when, and a redraw waiting for the interval with the rows reported since. */
  private readonly drawn = new Map<T, { rows: number; at: number; timer?: ReturnType<typeof setTimeout>; latest?: number }>();

  constructor(private readonly fire: (target: T) => void) {}

  /** A change of `target`, which now holds `rows`: drawn now, or later while `busy` (Load All) and it has not grown enough. */
  changed(target: T, rows: number, busy: boolean): void {
    const last = this.drawn.get(target);
    if (!busy || !last) {
      this.draw(target, rows);
      return;
    }
    if (last.timer) {
      // The waiting redraw will show these rows: the next one is measured from them.
      last.latest = rows;
      return;
    }
    if (rows < GROWTH * Math.max(last.rows, 50) || last.rows >= QUIET_FROM_ROWS) {
      return;
    }
    const wait = last.at + MIN_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.draw(target, rows);
    } else {
      last.latest = rows;
      last.timer = setTimeout(() => this.draw(target, last.latest ?? rows), wait);
    }
  }

  /** Forgets a target (its node is gone). */
  forget(target: T): void {
    clearTimeout(this.drawn.get(target)?.timer);
    this.drawn.delete(target);
  }

  dispose(): void {
    for (const entry of this.drawn.values()) {
      clearTimeout(entry.timer);
    }
    this.drawn.clear();
  }

  private draw(target: T, rows: number): void {
    clearTimeout(this.drawn.get(target)?.timer);
    this.drawn.set(target, { rows, at: Date.now() });
    this.fire(target);
  }
}

const MIN_INTERVAL_MS = 250;
const GROWTH = 4;
const QUIET_FROM_ROWS = 5000;
