import { type Service } from '../service';
import { logEvents } from './events';
import { logGroups } from './groups';
import { checkedGroup } from './names';
import { logSearch } from './search';
import { searchEvents } from './searchAction';
import { logStreams } from './streams';
import * as l10n from '@vscode/l10n';

export const logs: Service = {
  id: 'logs',
  kinds: [logGroups, logStreams, logEvents, logSearch],
  roots: [{ kind: logGroups.id, params: {} }],
  itemKinds: {
    logGroup: { icon: 'output', noun: 'log group' },
    logStream: { icon: 'list-flat', noun: 'log stream' },
    logEvent: { icon: 'debug-stackframe-dot', noun: 'log event' },
  },
  errors: {
    notFound: ['ResourceNotFoundException'],
    throttled: ['ThrottlingException', 'LimitExceededException'],
    // API reference, FilterLogEvents: a nextToken expires after 24 hours; the service says "The specified nextToken
    // is invalid."
    refusedToken: [{ code: 'InvalidParameterException', message: /nextToken/i }],
  },
  adders: [{
    root: logGroups.id,
    get title() {
      return l10n.t('Add Log Group by Name');
    },
    get prompt() {
      return l10n.t('The log group stays under CloudWatch Log Groups for this profile and region, even when listing groups is not allowed.');
    },
    placeholder: '/aws/lambda/my-function',
    address: (text) => `logs:streams/${checkedGroup(text.trim())}`,
  }],
  actions: [searchEvents],
};
