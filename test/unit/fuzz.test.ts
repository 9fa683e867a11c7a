// Fuzzed inputs (fast-check, property-based; a failure prints the seed and the shrunk counterexample to replay with
// `FUZZ_SEED=…`): the address grammar of every kind, DynamoDB keys in their canonical token form, CSV cells through
// the writer and a standard CSV reader, and the command line's arguments. Each property runs a fixed number of cases.
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { main } from '../../src/cli/main';
import { type ListRef, type Params, type ResourceItem } from '../../src/core/lists';
import { createFormatWriter } from '../../src/core/records/formats';
import { AddressError } from '../../src/core/services/address';
import { decodeKey, encodeKey, type TypedItem } from '../../src/core/services/dynamodb/attributes';
import { addressOf, parseAddress, services } from '../../src/core/services/registry';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const options = { numRuns: RUNS, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) };

/** Text users and services put in names: Unicode, the characters addresses give meaning to, and very long. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('%', '?', '&', '#', '/', ':', ' ', '=', '+', '"', "'", '\n', '\t', '*', 'a', 'Z', '9', 'é', '日', '😀'), maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 1200 }),
);
const nonEmpty = text.filter((value) => value.length > 0);
/** A character set drawn from, for names whose alphabet the service fixes. */
const chars = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789`;
const region = fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1');
const account = chars('0123456789', 12, 12);
const bucket = chars(`${LOWER}0123456789.-`, 3, 63).filter((name) => /^[a-z0-9]/.test(name));
const keyPath = fc.array(text.map((segment) => segment.replace(/\//g, '')).filter((segment) => segment.length > 0), { maxLength: 4 }).map((parts) => parts.map((part) => `${part}/`).join(''));
/** An inventory configuration id: "letters, numbers, periods, dashes, underscores", at most 64. */
const inventoryId = chars(`${ALNUM}._-`, 1, 64);
const reportDate = fc.tuple(fc.integer({ min: 2016, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }))
  .map(([y, m, d, h]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${h === undefined ? '' : `T${String(h).padStart(2, '0')}-00Z`}`);
const topicArn = fc.tuple(region, account, chars(`${ALNUM}_-`, 1, 256)).map(([r, a, name]) => `arn:aws:sns:${r}:${a}:${name}`);
const table = chars(`${ALNUM}_.-`, 3, 255);
const group = chars(`${ALNUM}_-/.#`, 1, 512);
const stream = nonEmpty.map((name) => name.replace(/[:*]/g, '_')).filter((name) => name.length <= 512);
const time = fc.oneof(fc.constantFrom('now', '-15m', '-24h', '-7d', '2026-11-30', '2026-11-30T10:00:00Z'), fc.integer({ min: 1e12, max: 2e12 }).map(String));
const eventArn = fc.tuple(fc.constantFrom('us-east-1', 'global', 'eu-west-1'), chars(`${ALNUM}_`, 1, 30), chars(`${ALNUM}_-`, 1, 40))
  .map(([r, code, id]) => `arn:aws:health:${r}::event/EC2/${code}/${id}`);
const viewArn = fc.tuple(region, account, chars(`${ALNUM}-`, 1, 30), chars('0123456789abcdef', 8, 36)).map(([r, a, name, id]) => `arn:aws:resource-explorer-2:${r}:${a}:view/${name}/${id}`);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
/** Params without the undefined ones: a list's params are plain strings. */
const params = (record: Record<string, fc.Arbitrary<string | undefined>>): fc.Arbitrary<Params> =>
  fc.record(record).map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Params);

/** The lists of each kind, generated as the tree and the CLI make them. A kind missing here fails the first test. */
const LISTS: Readonly<Record<string, fc.Arbitrary<Params>>> = {
  'sns.topics': fc.constant({}),
  'sns.subscriptions': params({ topicArn }),
  's3.buckets': params({ prefix: optional(nonEmpty) }),
  's3.objects': params({ bucket, prefix: keyPath, delimiter: fc.constant('/'), filter: optional(nonEmpty.map((rest) => rest.replace(/\//g, '')).filter(Boolean)) }),
  's3.inventoryConfigs': params({ bucket }),
  's3.inventoryReports': params({ bucket, config: inventoryId }),
  's3.inventory': params({ bucket, config: optional(inventoryId), report: optional(reportDate) }),
  'sqs.queues': params({ prefix: optional(nonEmpty) }),
  'sqs.deadLetterSources': fc.tuple(region, account, chars(`${ALNUM}_-`, 1, 80)).map(([r, a, name]) => ({ queueUrl: `https://sqs.${r}.amazonaws.com/${a}/${name}` })),
  'dynamodb.tables': fc.constant({}),
  'dynamodb.items': fc.oneof(params({ table }), fc.tuple(table, fc.integer({ min: 1, max: 64 })).chain(([name, total]) =>
    fc.integer({ min: 0, max: total - 1 }).map((segment) => ({ table: name, segment: String(segment), segments: String(total) })))),
  'dynamodb.query': params({
    table, index: optional(table), pk: nonEmpty, pkValue: nonEmpty,
  }).chain((base) => fc.oneof(
    fc.constant(base),
    fc.tuple(nonEmpty, fc.constantFrom('=', '<', '<=', '>', '>=', 'begins_with'), nonEmpty).map(([sk, skOp, skValue]) => ({ ...base, sk, skOp, skValue })),
    fc.tuple(nonEmpty, nonEmpty, nonEmpty).map(([sk, skValue, skValue2]) => ({ ...base, sk, skOp: 'between', skValue, skValue2 })),
  )),
  'logs.groups': params({ prefix: optional(nonEmpty) }),
  'logs.streams': params({ group }),
  'logs.events': params({ group, stream }),
  'logs.search': params({ group, start: optional(time), end: optional(time), pattern: optional(nonEmpty), stream: optional(stream) }),
  'ec2.instances': params({
    id: optional(chars('0123456789abcdef', 17, 17).map((hex) => `i-${hex}`)),
    state: optional(fc.subarray(['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'], { minLength: 1 }).map((states) => states.join(','))),
    tag: optional(nonEmpty.filter((tag) => !tag.trim().startsWith('=') && tag.trim() === tag && tag.length > 0)),
  }),
  'health.events': params({ status: optional(fc.constantFrom('open', 'closed', 'upcoming', 'open,upcoming')), category: optional(fc.constantFrom('issue', 'scheduledChange')), service: optional(fc.constantFrom('EC2', 'S3,EC2')), region: optional(fc.constantFrom('us-east-1', 'global,eu-west-1')) }),
  'health.entities': params({ event: eventArn }),
  'health.organizationEvents': params({ status: optional(fc.constantFrom('open', 'closed')), region: optional(fc.constantFrom('global')) }),
  'health.affectedAccounts': params({ event: eventArn }),
  'health.organizationEntities': params({ event: eventArn, account: optional(account) }),
  'resourceExplorer.home': fc.constant({}),
  'resourceExplorer.search': params({ q: text, view: optional(viewArn) }),
  'resourceExplorer.resources': params({ filter: optional(nonEmpty), view: optional(viewArn) }),
  'resourceExplorer.views': fc.constant({}),
  'resourceExplorer.indexes': fc.constant({}),
};

describe('fuzzed inputs (fast-check)', function () {
  this.timeout(120_000);

  it('every kind of the registry has a generator of its lists (a new kind cannot be left out)', function () {
    const kinds = services.flatMap((service) => service.kinds.map((kind) => kind.id));
    assert.deepEqual(kinds.filter((kind) => !(kind in LISTS)), []);
  });

  for (const [kind, arbitrary] of Object.entries(LISTS)) {
    it(`${kind}: an address written is read back as the same list, whatever the names hold`, function () {
      fc.assert(fc.property(arbitrary, (generated) => {
        const list: ListRef = { kind, params: generated };
        const address = addressOf(list);
        assert.deepEqual(parseAddress(address), list, address);
      }), options);
    });
  }

  it('any text is either read as a list whose address reads back the same, or refused with an AddressError that says what is expected', function () {
    const prefixes = fc.constantFrom('', 's3://', 'sns:', 'sqs:queues?', 'dynamodb:table/', 'logs:group/', 'logs:stream/', 'logs:streams/', 'ec2:instances?', 'health:events?', 'health:event/', 'resource-explorer:search?', 's3-inventory://', 'arn:aws:sns:', 'arn:aws:logs:', 'https://sqs.');
    fc.assert(fc.property(prefixes, text, (prefix, rest) => {
      const input = prefix + rest;
      let list: ListRef;
      try {
        list = parseAddress(input);
      } catch (error) {
        assert.ok(error instanceof AddressError, `${JSON.stringify(input)}: ${String(error)}`);
        assert.ok(error.message.length > 10 && !/\n\s+at /.test(error.message), error.message);
        return;
      }
      assert.deepEqual(parseAddress(addressOf(list)), list, `${JSON.stringify(input)} → ${addressOf(list)}`);
    }), options);
  });

  it('DynamoDB keys survive the canonical token form and back: 38-digit numbers, binary, strings', function () {
    const attribute = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }).map((S) => ({ S })),
      fc.tuple(fc.boolean(), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 38 }), fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 10 })))
        .map(([negative, whole, fraction]) => ({ N: `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}` })),
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((B) => ({ B })),
    );
    const key = fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), attribute, { minKeys: 1, maxKeys: 3 });
    fc.assert(fc.property(key, (generated) => {
      const typed = generated as TypedItem;
      const text = encodeKey(typed);
      const back = decodeKey(text);
      assert.equal(encodeKey(back), text, 'the same key is the same text');
      for (const [name, value] of Object.entries(typed)) {
        if (value.B !== undefined) {
          assert.deepEqual(Buffer.from(back[name].B!), Buffer.from(value.B));
        } else {
          assert.deepEqual(back[name], value);
        }
      }
    }), { ...options, examples: [[JSON.parse('{"__proto__": {"S": "an attribute may have that name"}, "id": {"N": "1"}}') as Record<string, { S: string }>]] });
  });

  it('CSV: any cell survives the writer and a standard CSV reader (csv-parse); the formula guard applies to exactly the cells it names', function () {
    const cell = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), fc.boolean(), (rows, raw) => {
      const columns = ['a', 'b', 'c'];
      const writer = createFormatWriter('csv', { columns }, raw ? { raw } : {});
      const items = rows.map((values, i): ResourceItem => ({ id: String(i), name: String(i), itemKind: 'x', record: Object.fromEntries(columns.map((c, j) => [c, values[j]])) }));
      const csv = writer.start() + writer.page(items, 0);
      const read = parseCsv(csv, { columns: false, relax_column_count: false, skip_empty_lines: false, record_delimiter: '\r\n' }) as string[][];
      assert.deepEqual(read[0], columns);
      rows.forEach((values, i) => values.forEach((value, j) => {
        const written = read[i + 1][j];
        if (value === null) {
          assert.equal(written, '');
        } else if (typeof value === 'string') {
          const guarded = !raw && /^[=+\-@\t\r]/.test(value);
          assert.equal(written, guarded ? `'${value}` : value);
        } else {
          assert.equal(written, String(value), 'numbers and booleans are never changed');
        }
      }));
    }), options);
  });

  it('the command line: generated arguments never end in a stack trace; usage errors exit 2 with a message', async function () {
    const flag = fc.constantFrom('--out', '-o', '--format', '--page-size', '--parallel', '--profile', '--region', '--endpoint-url', '--resume', '--restart',
      '--folders', '--plain', '--csv-raw', '--csv-bom', '--state-dir', '--start', '--end', '--filter-pattern', '--state', '--tag', '-v', '--bogus', '-x', '--');
    const value = fc.oneof(text, fc.constantFrom('sns:topics', 's3://bucket/', 'x.csv', '-', '0', '-1', '65', '10001', 'jsonl', 'yaml', '-24h'));
    const argv = fc.array(fc.oneof(flag, value), { maxLength: 8 });
    await fc.assert(fc.asyncProperty(argv, async (args) => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let said = '';
      stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
      stdout.resume();
      // Nowhere to send a request: an export that parses fails fast, without touching AWS.
      const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'fuzz', AWS_SECRET_ACCESS_KEY: 'fuzz', AWS_MAX_ATTEMPTS: '1', XDG_STATE_HOME: '/nonexistent-fuzz-state' };
      const code = await main(args, { stdout: stdout as never, stderr: stderr as never, env, cwd: '/nonexistent-fuzz-cwd' });
      assert.ok([0, 1, 2].includes(code), `exit ${code} for ${JSON.stringify(args)}`);
      assert.ok(!/\n\s+at .+:\d+:\d+/.test(said), `a stack trace for ${JSON.stringify(args)}:\n${said}`);
      if (code === 2) {
        assert.match(said, /^paged-aws-export: .+/m, 'a usage error says what is wrong');
      }
    }), { ...options, numRuns: Math.min(RUNS, 150) });
  });
});
