import { type ListRef } from '../core/lists';
import { isListHolder } from '../views/nodes';
import { type CommandDeps } from './deps';

/**
 * Shows a summary's rankings (Largest 100, Newest 100, Oldest 100) as lists under the node summarized, first among its
 * children; a ranking shown before is read again (the summary just made a new one under the same name).
 */
export function showRanked(deps: CommandDeps, target: unknown, lists: readonly ListRef[]): void {
  // Summarized from the palette with nothing selected: there is no node to put them under.
  if (!isListHolder(target) || lists.length === 0) {
    return;
  }
  const model = deps.tree.homes.model(target.home);
  for (const list of lists) {
    model.addDerived(target.list, list);
    // Shown before (the same list, summarized again): its page is the old ranking until read again.
    model.reset(list);
  }
  void deps.tree.view.reveal(deps.tree.provider.derivedNode(target, lists[0]), { select: false, focus: false, expand: false }).then(undefined, () => undefined);
}
