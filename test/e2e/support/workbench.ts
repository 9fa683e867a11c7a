// Drives the VS Code workbench in Chromium the way a user does: clicks, context menus, the Command Palette,
// quick inputs and the save dialog. Looks rows up by the strings the user sees.
import * as assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const CONTAINER_TITLE = 'Paged AWS Explorer';
export const VIEW_TITLE = 'Resources';

/** The workbench of the current test, so a failure hook can take its screenshot. */
let current: Workbench | undefined;
export function currentWorkbench(): Workbench | undefined {
  return current;
}

export interface TreeRow {
  readonly index: number;
  readonly level: number;
  readonly label: string;
  readonly description: string;
  readonly expanded?: boolean;
}

/** Retries `check` until it passes or `timeoutMs` ends, then throws its last error: for UI that updates later. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const reason = last instanceof Error ? last.message : String(last);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}: ${reason}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function exact(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

export class Workbench {
  private constructor(readonly context: BrowserContext, readonly page: Page) {}

  /** Opens a new browser window on the folder and waits for the workbench (each window has its own extension host). */
  static async open(browser: Browser, url: string, options: { clipboard?: boolean } = {}): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    if (options.clipboard) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    }
    const page = await context.newPage();
    const workbench = new Workbench(context, page);
    current = workbench;
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    return workbench;
  }

  async close(): Promise<void> {
    if (current === this) {
      current = undefined;
    }
    await this.context.close();
  }

  get sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** Clicks the activity-bar entry of the extension's view container and waits for the Resources view. */
  async openContainer(): Promise<void> {
    const entry = this.page.locator(`.activitybar a.action-label[aria-label="${CONTAINER_TITLE}"]`);
    await entry.waitFor({ timeout: 60_000 });
    if ((await entry.getAttribute('aria-expanded')) !== 'true' && !(await this.sidebar.locator(`.title-label h2[title="${CONTAINER_TITLE}"]`).isVisible())) {
      await entry.click();
    }
    await this.sidebar.locator('.title-label', { hasText: new RegExp(CONTAINER_TITLE, 'i') }).waitFor({ timeout: 30_000 });
  }

  /** The Resources tree. */
  get tree(): Locator {
    return this.sidebar.locator('.monaco-list[role="tree"]').first();
  }

  /** A row by its exact label (the text of its name, not its description). */
  row(label: string, level?: number): Locator {
    const rows = this.tree.locator(level === undefined ? '.monaco-list-row' : `.monaco-list-row[aria-level="${level}"]`);
    return rows.filter({ has: this.page.locator('.label-name', { hasText: exact(label) }) }).first();
  }

  /**
   * Waits for a row to exist and scrolls it into the rendered part of the (virtual) list: from the top down,
   * until it shows or the list ends.
   */
  async waitForRow(label: string, timeoutMs = 30_000, level?: number): Promise<Locator> {
    const row = this.row(label, level);
    await eventually(async () => {
      if (await row.isVisible()) {
        return;
      }
      await this.scrollToTop().catch(() => undefined);
      for (let guard = 0; guard < 200; guard++) {
        if (await row.isVisible()) {
          return;
        }
        if (!(await this.scrollDown())) {
          break;
        }
      }
      throw new Error(`no row "${label}"${level === undefined ? '' : ` at level ${level}`}`);
    }, timeoutMs, `row "${label}"`);
    return row;
  }

  /**
   * The row, scrolled wholly into the tree's view: a rendered row may sit below the view's edge, where a hover lands
   * on whatever is drawn there instead (the DOM's scrollIntoView does not move VS Code's list).
   */
  async rowInView(label: string, level?: number): Promise<Locator> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const row = await this.waitForRow(label, 30_000, level);
      const [box, view] = await Promise.all([row.boundingBox(), this.tree.boundingBox()]);
      if (box && view && box.y >= view.y && box.y + box.height <= view.y + view.height) {
        return row;
      }
      await this.focusTree();
      await this.page.keyboard.press(box && view && box.y < view.y ? 'PageUp' : 'PageDown');
    }
    throw new Error(`row "${label}" does not come into view`);
  }

  /**
   * Scrolls the tree one page down with the keyboard (moving the focus, not the selection, so no row's command
   * runs); false when it was already at the bottom.
   */
  private async scrollDown(): Promise<boolean> {
    const lastBefore = (await this.renderedRows()).at(-1)?.index ?? -1;
    await this.focusTree();
    // The first PageDown may only move the focus to the last row in view; the next one scrolls.
    for (let attempt = 0; attempt < 2; attempt++) {
      await this.page.keyboard.press('PageDown');
      const moved = await eventually(async () => {
        if (((await this.renderedRows()).at(-1)?.index ?? -1) === lastBefore) {
          throw new Error('not scrolled');
        }
        return true;
      }, 1_000).catch(() => false);
      if (moved) {
        return true;
      }
    }
    return false;
  }

  private async focusTree(): Promise<void> {
    const focused = await this.tree.evaluate((e) => e.contains(e.ownerDocument.activeElement));
    if (!focused) {
      await this.tree.focus();
    }
  }

  /** The rows the tree has rendered now (it renders only those in view). */
  async renderedRows(): Promise<TreeRow[]> {
    return this.tree.locator('.monaco-list-row').evaluateAll((elements) => elements.map((e) => ({
      index: Number(e.getAttribute('data-index')),
      level: Number(e.getAttribute('aria-level')),
      label: e.querySelector('.label-name')?.textContent?.trim() ?? e.textContent?.trim() ?? '',
      description: e.querySelector('.label-description')?.textContent?.trim() ?? '',
      expanded: e.hasAttribute('aria-expanded') ? e.getAttribute('aria-expanded') === 'true' : undefined,
    })).sort((a, b) => a.index - b.index));
  }

  /** Expands a collapsed row by clicking its twistie, and waits until it is expanded. */
  async expand(label: string, level?: number): Promise<void> {
    const row = await this.waitForRow(label, 30_000, level);
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.locator('.monaco-tl-twistie').click();
      await this.moveMouseAway();
    }
    await eventually(async () => {
      if ((await this.row(label, level).getAttribute('aria-expanded')) !== 'true') {
        throw new Error(`"${label}" is not expanded`);
      }
    }, 30_000, `"${label}" to expand`);
  }

  /** Clicks a row (runs its command, e.g. "Load more…"), then moves the mouse off the tree so no hover covers it. */
  async click(label: string, level?: number): Promise<void> {
    const row = await this.waitForRow(label, 30_000, level);
    await row.click();
    await this.moveMouseAway();
  }

  async moveMouseAway(): Promise<void> {
    await this.page.mouse.move(900, 880);
  }

  async collapse(label: string, level?: number): Promise<void> {
    const row = await this.waitForRow(label, 30_000, level);
    if ((await row.getAttribute('aria-expanded')) === 'true') {
      await row.locator('.monaco-tl-twistie').click();
    }
  }

  /**
   * All children of an expanded row, in order, scrolling through the virtualised list. Waits until no child is
   * still "Loading…".
   */
  async children(label: string, level?: number): Promise<TreeRow[]> {
    const parent = await this.waitForRow(label, 30_000, level);
    const parentIndex = Number(await parent.getAttribute('data-index'));
    const parentLevel = Number(await parent.getAttribute('aria-level'));
    const found = new Map<number, TreeRow>();
    let ended = false;
    for (let guard = 0; guard < 400 && !ended; guard++) {
      const rows = await this.renderedRows();
      for (const row of rows) {
        if (row.index <= parentIndex) {
          continue;
        }
        if (row.level <= parentLevel) {
          ended = true;
          break;
        }
        if (row.level === parentLevel + 1) {
          found.set(row.index, row);
        }
      }
      if (ended) {
        break;
      }
      // The list is virtual: scrolling renders other rows. At the bottom, nothing changes and the walk ends.
      if (!(await this.scrollDown())) {
        break;
      }
    }
    return [...found.values()].sort((a, b) => a.index - b.index);
  }

  /** Waits until the children of a row are loaded (no "Loading…" row) and returns them. */
  async loadedChildren(label: string, level?: number): Promise<TreeRow[]> {
    return eventually(async () => {
      const rows = await this.children(label, level);
      if (rows.length === 0 || rows.some((r) => r.label === 'Loading…')) {
        throw new Error(`children of "${label}" are still loading`);
      }
      return rows;
    }, 60_000, `the children of "${label}" to load`);
  }

  /** Scrolls the tree back to the top, so rows above are rendered again. */
  async scrollToTop(): Promise<void> {
    await this.focusTree();
    await this.page.keyboard.press('Home');
    await eventually(async () => {
      if ((await this.renderedRows())[0]?.index !== 0) {
        throw new Error('not at the top');
      }
    }, 5_000, 'the tree to scroll to the top');
  }

  /** Right-clicks a row and chooses a context-menu entry by its title. */
  async contextMenu(label: string, entry: string, level?: number): Promise<void> {
    const row = await this.waitForRow(label, 30_000, level);
    await row.click({ button: 'right' });
    await this.clickMenuItem(entry);
  }

  /** Clicks an entry of the open context menu by its title. */
  async clickMenuItem(entry: string): Promise<void> {
    const item = this.page.locator('.monaco-menu a.action-menu-item').filter({ has: this.page.locator('span.action-label', { hasText: exact(entry) }) }).first();
    await item.waitFor({ timeout: 10_000 });
    // A click right after the menu opens can be taken for the end of the right-click and ignored; pointing at the
    // entry and pressing Enter is what the menu always acts on.
    await item.hover();
    await eventually(async () => {
      assert.ok(await item.evaluate((e) => e.parentElement?.classList.contains('focused') ?? false), 'entry not focused');
    }, 5_000, `menu entry "${entry}" to take the focus`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.monaco-menu').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }

  /** Hovers a row and clicks one of its inline action buttons (by its title). */
  async inlineAction(label: string, title: string, level?: number): Promise<void> {
    const row = await this.waitForRow(label, 30_000, level);
    await row.hover();
    await row.locator(`.actions a.action-label[aria-label^="${title}"]`).click();
  }

  /** Clicks a button in the view's title bar; entries that do not fit are behind "More Actions…". */
  async viewTitleAction(title: string): Promise<void> {
    const header = this.sidebar.locator('.pane-header, .composite.title').filter({ has: this.page.locator(`a.action-label[aria-label^="${title}"]`) });
    if (await header.count()) {
      await header.first().hover();
      await header.first().locator(`a.action-label[aria-label^="${title}"]`).click();
      return;
    }
    await this.sidebar.hover();
    await this.sidebar.locator('a.action-label[aria-label="More Actions..."], a.action-label[aria-label="Views and More Actions..."]').first().click();
    await this.clickMenuItem(title);
  }

  /** Runs a command from the Command Palette by its full title ("Category: Title"). */
  async runCommand(title: string): Promise<void> {
    await this.page.locator('.monaco-workbench').focus().catch(() => undefined);
    await this.page.keyboard.press('F1');
    const input = this.quickInputBox();
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    const entry = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await entry.waitFor({ timeout: 10_000 });
    await input.press('Enter');
  }

  quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** The title or prompt of the open quick input (input box or quick pick). */
  async quickInputText(): Promise<string> {
    return (await this.page.locator('.quick-input-widget').innerText()).trim();
  }

  /** Types into an open input box and presses Enter. */
  async answerInput(text: string): Promise<void> {
    const input = this.quickInputBox();
    await input.waitFor({ timeout: 15_000 });
    await input.fill(text);
    await input.press('Enter');
  }

  /** Picks an entry of an open quick pick by the start of its label. */
  async pick(label: string | RegExp): Promise<void> {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }

  /** Picks the entry whose label is exactly this (a row's text also holds its description and detail). */
  async pickExact(label: string): Promise<void> {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exact(label) }) }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }

  /** Waits for a quick input with this title (a quick pick or input box the extension opened). */
  async waitForQuickInput(title: string | RegExp): Promise<void> {
    await this.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 15_000 });
  }

  /** The labels of the open quick pick's entries. */
  async quickPickLabels(): Promise<string[]> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    return rows.evaluateAll((els) => els.map((e) => (e.querySelector('.label-name')?.textContent ?? e.getAttribute('aria-label') ?? '').trim()));
  }

  /**
   * Answers VS Code's save dialog (the simple dialog, a quick input showing a path) with an absolute path, and
   * confirms an overwrite if it asks. The dialog re-reads the folder after each change and may still set its own
   * default value after it shows, so the value is typed until it sticks, then accepted.
   */
  async answerSaveDialog(filePath: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const input = this.quickInputBox();
    await input.waitFor({ timeout: 15_000 });
    for (let attempt = 1; ; attempt++) {
      await input.fill(filePath);
      await this.page.waitForTimeout(1_000);
      if ((await input.inputValue()) !== filePath) {
        if (attempt < 5) {
          continue;
        }
        throw new Error(`the save dialog did not keep the path ${filePath}`);
      }
      await input.press('Enter');
      // Accepted when the dialog goes, or when the next question (a quick pick the extension opens at once, in the
      // same widget) replaces the path.
      const closed = await Promise.any([
        widget.waitFor({ state: 'hidden', timeout: 5_000 }),
        eventually(async () => assert.notEqual(await input.inputValue(), filePath), 5_000, 'the next question'),
      ]).then(() => true, () => false);
      const overwrite = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^(Replace|Overwrite|OK|Yes)$/ });
      if (await overwrite.first().isVisible().catch(() => false)) {
        await overwrite.first().click();
        return;
      }
      if (closed) {
        return;
      }
      if (attempt >= 5) {
        throw new Error(`the save dialog did not accept ${filePath}: ${await this.quickInputText().catch(() => '')}`);
      }
    }
  }

  /** Texts of the notification toasts shown now. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  async waitForNotification(text: string | RegExp, timeoutMs = 60_000): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
    await toast.waitFor({ timeout: timeoutMs });
    return toast;
  }

  async clickNotificationButton(text: string | RegExp, button: string | RegExp, timeoutMs = 60_000): Promise<void> {
    const toast = await this.waitForNotification(text, timeoutMs);
    await toast.hover();
    await toast.locator('.monaco-button', { hasText: button }).first().click();
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }
}
