import { type ListAction } from '../service';
import { keyValueProblem, SORT_OPERATORS, type SortOperator } from './query';
import { tableSchema, type KeyAttribute, type KeySchema } from './schema';
import * as l10n from '@vscode/l10n';

const typeName = (type: KeyAttribute['type']) => ({ S: l10n.t('string'), N: l10n.t('number'), B: l10n.t('binary, base64') })[type];
const operatorLabel = (op: SortOperator) => ({
  '=': l10n.t('equals'), '<': l10n.t('less than'), '<=': l10n.t('at most'), '>': l10n.t('greater than'), '>=': l10n.t('at least'),
  begins_with: l10n.t('begins with'), between: l10n.t('between'),
})[op];

/**
 * Query by Partition Key… on a table: the table or one of its indexes, a partition key value, and optionally a sort
 * key condition; the Query's results open under the table, paged like its items.
 */
export const queryTable: ListAction = {
  command: 'queryTable',
  itemKind: 'dynamodbTable',
  async open({ item }, clients, prompter, send) {
    const table = item!.name;
    const title = l10n.t('Query {0}', table);
    const schema = await tableSchema(clients, table, send);
    const describe = (keys: KeySchema) => [keys.partition, keys.sort].filter((key): key is KeyAttribute => key !== undefined)
      .map((key) => `${key.name} (${typeName(key.type)})`).join(', ');
    const keys = schema.indexes.length === 0 ? schema.table : await prompter.pick({
      title,
      placeholder: l10n.t('Query the table or one of its indexes'),
      choices: [schema.table, ...schema.indexes].map((candidate) => ({
        label: candidate.index ?? table, description: candidate.index ? l10n.t('index: {0}', describe(candidate)) : l10n.t('table: {0}', describe(candidate)), value: candidate,
      })),
    });
    if (!keys) {
      return undefined;
    }
    const { partition, sort } = keys;
    const pkValue = await prompter.input({
      title, prompt: l10n.t('The partition: {0} ({1}) equals…', partition.name, typeName(partition.type)), validate: (text) => keyValueProblem(partition, text),
    });
    if (pkValue === undefined) {
      return undefined;
    }
    const params: Record<string, string> = { table, ...(keys.index ? { index: keys.index } : {}), pk: partition.name, pkValue };
    if (sort) {
      const operator = await prompter.pick<SortOperator | 'all'>({
        title,
        placeholder: l10n.t('Narrow by the sort key {0}?', sort.name),
        choices: [
          { label: l10n.t('Every item of the partition'), value: 'all' },
          ...SORT_OPERATORS.map((op) => ({ label: `${sort.name} ${operatorLabel(op)}…`, value: op })),
        ],
      });
      if (operator === undefined) {
        return undefined;
      }
      if (operator !== 'all') {
        const ask = (prompt: string) => prompter.input({ title, prompt, validate: (text) => keyValueProblem(sort, text) });
        const skValue = await ask(operator === 'between'
          ? l10n.t('{0} ({1}) between… (the low end)', sort.name, typeName(sort.type))
          : `${sort.name} (${typeName(sort.type)}) ${operatorLabel(operator)}…`);
        const skValue2 = skValue !== undefined && operator === 'between' ? await ask(l10n.t('{0} between {1} and… (the high end)', sort.name, skValue)) : undefined;
        if (skValue === undefined || (operator === 'between' && skValue2 === undefined)) {
          return undefined;
        }
        Object.assign(params, { sk: sort.name, skOp: operator, skValue, ...(skValue2 !== undefined ? { skValue2 } : {}) });
      }
    }
    return { kind: 'dynamodb.query', params };
  },
};
