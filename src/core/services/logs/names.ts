import { partitionOf } from '../../aws/partition';
import { AddressError } from '../address';
import { type Scope } from '../../lists';
import { consolePage } from '../console';
import * as l10n from '@vscode/l10n';

/**
 * CloudWatch Logs names, as the API reference has them: a log group name is 1 to 512 of `a-z A-Z 0-9 _ - / . #`; a
 * log stream name is 1 to 512 characters without `:` or `*`. Neither holds a colon, so `GROUP:STREAM` names a stream.
 */
export function groupNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9_\-/.#]{1,512}$/.test(name) ? undefined
    : l10n.t('"{0}" is not a log group name: 1 to 512 letters, digits, "_", "-", "/", "." or "#".', name);
}

export function streamNameProblem(name: string): string | undefined {
  return name.length >= 1 && name.length <= 512 && !/[:*]/.test(name) ? undefined
    : l10n.t('"{0}" is not a log stream name: 1 to 512 characters, without ":" or "*".', name);
}

export function checkedGroup(name: string): string {
  const problem = groupNameProblem(name);
  if (problem) {
    throw new AddressError(problem);
  }
  return name;
}

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` and `…:log-group:NAME:log-stream:STREAM`, read back. */
export function parseLogsArn(text: string): { group: string; stream?: string } | undefined {
  const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\*|:log-stream:(.+))?$/.exec(text);
  return match ? { group: match[1], ...(match[2] !== undefined ? { stream: match[2] } : {}) } : undefined;
}

/** The group's ARN in the connection's partition, when the listing did not give one. */
export function groupArn(group: string, scope: Scope, account = ''): string {
  return `arn:${scope.partition || partitionOf(scope.region)}:logs:${scope.region}:${account}:log-group:${group}`;
}

/**
 * A log group's page in the console (a stream's, with `stream`). The console's fragment holds the names encoded twice
 * with `$` for `%` (`/aws/lambda/x` is `$252Faws$252Flambda$252Fx`), as its own links do.
 */
export function logsConsolePage(host: string, region: string, group: string, stream?: string): string {
  const encode = (name: string) => encodeURIComponent(encodeURIComponent(name)).replace(/%/g, '$');
  return consolePage(host, 'cloudwatch/home', region, `logsV2:log-groups/log-group/${encode(group)}${stream === undefined ? '' : `/log-events/${encode(stream)}`}`);
}
