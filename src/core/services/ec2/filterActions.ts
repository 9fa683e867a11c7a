import { type ListAction } from '../service';
import { INSTANCE_STATES, tagParam } from './filters';
import * as l10n from '@vscode/l10n';

/** Filter by State… on EC2 Instances: the instances in one state, listed by the service (`instance-state-name`). */
export const filterByState: ListAction = {
  command: 'filterInstancesByState',
  listKind: 'ec2.instances',
  async open({ list }, _clients, prompter) {
    const state = await prompter.pick({
      title: l10n.t('Filter EC2 Instances by State'),
      placeholder: l10n.t('Show the instances in this state'),
      choices: INSTANCE_STATES.map((name) => ({ label: name, value: name })),
    });
    return state === undefined ? undefined : { kind: list.kind, params: { ...list.params, state } };
  },
};

/** Filter by Tag… on EC2 Instances: `Key=Value` (wildcards * and ?), or `Key` for every instance with that tag. */
export const filterByTag: ListAction = {
  command: 'filterInstancesByTag',
  listKind: 'ec2.instances',
  async open({ list }, _clients, prompter) {
    const tag = await prompter.input({
      title: l10n.t('Filter EC2 Instances by Tag'),
      prompt: l10n.t('Key=Value (* and ? are wildcards), or a Key alone for every instance that has the tag'),
      placeholder: 'Name=web-*',
      value: list.params.tag,
      validate: (text) => {
        try {
          tagParam(text);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
    });
    return tag === undefined ? undefined : { kind: list.kind, params: { ...list.params, tag: tagParam(tag) } };
  },
};
