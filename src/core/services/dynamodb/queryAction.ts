import { type ListAction } from '../service';
import { keyValueProblem, SORT_OPERATORS, type SortOperator } from './query';
import { tableSchema, type KeyAttribute, type KeySchema } from './schema';

const TYPE_NAMES: Readonly<Record<KeyAttribute['type'], string>> = { S: 'string', N: 'number', B: 'binary, base64' };
const OPERATOR_LABELS: Readonly<Record<SortOperator, string>> = {
  '=': 'equals', '<': 'less than', '<=': 'at most', '>': 'greater than', '>=': 'at least', begins_with: 'begins with', between: 'between',
};

/**
 * Query by Partition Key… on a table: the table or one of its indexes, a partition key value, and optionally a sort
 * key condition; the Query's results open under the table, paged like its items.
 */
export const queryTable: ListAction = {
  command: 'queryTable',
  itemKind: 'dynamodbTable',
  async open(item, clients, prompter, send) {
    const table = item.name;
    const title = `Query ${table}`;
    const schema = await tableSchema(clients, table, send);
    const describe = (keys: KeySchema) => [keys.partition, keys.sort].filter((key): key is KeyAttribute => key !== undefined)
      .map((key) => `${key.name} (${TYPE_NAMES[key.type]})`).join(', ');
    const keys = schema.indexes.length === 0 ? schema.table : await prompter.pick({
      title,
      placeholder: 'Query the table or one of its indexes',
      choices: [schema.table, ...schema.indexes].map((candidate) => ({
        label: candidate.index ?? table, description: `${candidate.index ? 'index' : 'table'}: ${describe(candidate)}`, value: candidate,
      })),
    });
    if (!keys) {
      return undefined;
    }
    const { partition, sort } = keys;
    const pkValue = await prompter.input({
      title, prompt: `The partition: ${partition.name} (${TYPE_NAMES[partition.type]}) equals…`, validate: (text) => keyValueProblem(partition, text),
    });
    if (pkValue === undefined) {
      return undefined;
    }
    const params: Record<string, string> = { table, ...(keys.index ? { index: keys.index } : {}), pk: partition.name, pkValue };
    if (sort) {
      const operator = await prompter.pick<SortOperator | 'all'>({
        title,
        placeholder: `Narrow by the sort key ${sort.name}?`,
        choices: [
          { label: 'Every item of the partition', value: 'all' },
          ...SORT_OPERATORS.map((op) => ({ label: `${sort.name} ${OPERATOR_LABELS[op]}…`, value: op })),
        ],
      });
      if (operator === undefined) {
        return undefined;
      }
      if (operator !== 'all') {
        const ask = (prompt: string) => prompter.input({ title, prompt, validate: (text) => keyValueProblem(sort, text) });
        const skValue = await ask(`${sort.name} (${TYPE_NAMES[sort.type]}) ${OPERATOR_LABELS[operator]}${operator === 'between' ? ' (the low end)' : ''}…`);
        const skValue2 = skValue !== undefined && operator === 'between' ? await ask(`${sort.name} between ${skValue} and… (the high end)`) : undefined;
        if (skValue === undefined || (operator === 'between' && skValue2 === undefined)) {
          return undefined;
        }
        Object.assign(params, { sk: sort.name, skOp: operator, skValue, ...(skValue2 !== undefined ? { skValue2 } : {}) });
      }
    }
    return { kind: 'dynamodb.query', params };
  },
};
