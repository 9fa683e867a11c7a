import { type Service } from '../service';
import { resourceExplorerHome } from './home';
import { indexList } from './indexes';
import { resourceList } from './resources';
import { resourceSearch } from './search';
import { filterResources, searchResources } from './searchAction';
import { viewList } from './views';
import * as l10n from '@vscode/l10n';

/** The console's Resource Explorer page, where a Region's index and default view are turned on (Quick setup). */
const SETUP = 'https://console.aws.amazon.com/resource-explorer/home#/settings';

export const resourceExplorer: Service = {
  id: 'resource-explorer-2',
  kinds: [resourceExplorerHome, resourceSearch, resourceList, viewList, indexList],
  roots: [{ kind: resourceExplorerHome.id, params: {} }],
  itemKinds: {
    resourceExplorerAction: { icon: 'search', noun: 'action' },
    resourceExplorerList: { icon: 'list-unordered', noun: 'list' },
    resourceExplorerResource: { icon: 'symbol-misc', noun: 'resource' },
    resourceExplorerView: { icon: 'eye', noun: 'Resource Explorer view' },
    resourceExplorerIndex: { icon: 'database', noun: 'Resource Explorer index' },
  },
  errors: {
    notFound: ['ResourceNotFoundException'],
    // API reference, common to every operation: 401 UnauthorizedException when no default view answers (none, or one
    // of another Region) and the Region has no index to search.
    unavailable: [
      {
        code: 'UnauthorizedException',
        get message() {
          return l10n.t('Resource Explorer has no index or no default view in this Region. Turn it on (Quick setup in the console), or search a view of its own.');
        },
        link: { get label() { return l10n.t('Open Resource Explorer settings'); }, url: SETUP },
      },
      {
        code: 'ValidationException',
        matches: /tag/i,
        get message() {
          return l10n.t('This view does not include tags, so a tag: filter finds nothing: search another view, or add tags to the view\'s properties.');
        },
      },
    ],
  },
  actions: [searchResources, filterResources],
};
