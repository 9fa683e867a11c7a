import * as assert from 'node:assert/strict';
import { createFormatWriter, exportFormats, formatFromPath } from '../../src/core/records/formats';
import { exactJson } from '../../src/core/json';
import { ExactNumber, type ExportRecord, type ResourceItem } from '../../src/core/lists';

const shape = { columns: ['key', 'size', 'public'] };
const records: ExportRecord[] = [
  { key: 'plain', size: 1, public: true },
  { key: 'a,b', size: null, public: false },
  { key: 'say "hi"', size: 0, public: null },
  { key: 'cr\rlf\r\nlf\n', size: 12, public: null },
  { key: 'ünïcödé 名前 😀', size: 3, public: true },
];
/** Items whose records are these: the writers read `record`. */
const items = (list: readonly ExportRecord[]): ResourceItem[] => list.map((record, i) => ({ id: String(i), name: String(i), itemKind: 'test', record }));

describe('export formats', function () {
  for (const format of exportFormats) {
    it(`${format}: any split into pages gives the same bytes as one page (what makes a resumed file identical)`, function () {
      const writer = createFormatWriter(format, shape);
      const whole = writer.start() + writer.page(items(records), 0) + writer.end(records.length);
      for (const sizes of [[1, 1, 1, 1, 1], [2, 3], [0, 5], [4, 0, 1], [5, 0]]) {
        let text = writer.start();
        let written = 0;
        for (const size of sizes) {
          text += writer.page(items(records.slice(written, written + size)), written);
          written += size;
        }
        assert.equal(text + writer.end(written), whole, `pages of ${sizes.join(',')}`);
      }
    });
  }

  it('CSV: header of the columns, CRLF rows, quotes around commas, quotes, CR and LF, quotes doubled, null empty', function () {
    const writer = createFormatWriter('csv', shape);
    assert.equal(writer.start(), 'key,size,public\r\n');
    assert.equal(writer.page(items(records), 0), [
      'plain,1,true\r\n',
      '"a,b",,false\r\n',
      '"say ""hi""",0,\r\n',
      '"cr\rlf\r\nlf\n",12,\r\n',
      'ünïcödé 名前 😀,3,true\r\n',
    ].join(''));
    assert.equal(writer.end(5), '');
  });

  it('JSON writes a record as its kind built it (absent fields left out, as the AWS CLI does); CSV keeps the columns: missing empty, extra dropped', function () {
    const record = { key: 'k', public: true, extra: 'x' } as ExportRecord;
    assert.equal(createFormatWriter('jsonl', shape).page(items([record]), 0), '{"key":"k","public":true,"extra":"x"}\n');
    assert.equal(createFormatWriter('csv', shape).page(items([record]), 0), 'k,,true\r\n');
  });

  it('CSV: a text cell a spreadsheet would run as a formula gets a leading apostrophe; numbers and --csv-raw stay as they are', function () {
    const hostile: ExportRecord[] = ['=cmd|\'/c calc\'!A0', '+1+1', '-2+3', '@SUM(A1)', '\tindent', '\rcarriage', 'plain=text'].map((key) => ({ key, size: -5, public: null }));
    const safe = createFormatWriter('csv', shape).page(items(hostile), 0).split('\r\n').slice(0, -1);
    assert.deepEqual(safe, ["'=cmd|'/c calc'!A0,-5,", "'+1+1,-5,", "'-2+3,-5,", "'@SUM(A1),-5,", "'\tindent,-5,", `"'\rcarriage",-5,`, 'plain=text,-5,']);
    const raw = createFormatWriter('csv', shape, { raw: true }).page(items(hostile.slice(0, 1)), 0);
    assert.equal(raw, '=cmd|\'/c calc\'!A0,-5,\r\n');
    const bom = createFormatWriter('csv', shape, { bom: true });
    assert.equal(bom.start(), '\uFEFFkey,size,public\r\n');
    assert.equal(createFormatWriter('jsonl', shape, { bom: true, raw: true }).page(items(hostile.slice(0, 1)), 0), '{"key":"=cmd|\'/c calc\'!A0","size":-5,"public":null}\n', 'JSON is never changed');
  });

  it('JSON: a valid array when empty and when not, one item per line', function () {
    const writer = createFormatWriter('json', shape);
    const empty = writer.start() + writer.page([], 0) + writer.end(0);
    assert.equal(empty, '[]\n');
    const full = writer.start() + writer.page(items(records), 0) + writer.end(records.length);
    assert.deepEqual(JSON.parse(full), records.map((r) => ({ key: r.key, size: r.size, public: r.public })));
    assert.equal(full.split('\n').length, records.length + 3);
  });

  it('JSON Lines: one JSON object per line; line breaks inside values stay escaped', function () {
    const text = createFormatWriter('jsonl', shape).page(items(records), 0);
    const lines = text.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, records.length);
    assert.equal((JSON.parse(lines[3]) as { key: string }).key, 'cr\rlf\r\nlf\n');
  });

  it('exact records keep every digit of a number, in JSON and CSV; nested values are JSON in a CSV cell', function () {
    const big = '123456789012345678901234567890.123456789';
    const exact = { columns: ['pk', 'Item'], exact: true };
    const record: ExportRecord = { pk: new ExactNumber('9007199254740993'), Item: { n: new ExactNumber(big), l: [new ExactNumber('-1E+5'), 'x'], m: {} } };
    const line = createFormatWriter('jsonl', exact).page(items([record]), 0);
    assert.equal(line, `{"pk":9007199254740993,"Item":{"n":${big},"l":[-1E+5,"x"],"m":{}}}\n`);
    assert.equal(createFormatWriter('csv', exact).page(items([record]), 0), `9007199254740993,"{""n"":${big},""l"":[-1E+5,""x""],""m"":{}}"\r\n`);
    assert.equal(exactJson({ a: [new ExactNumber('1')], b: {} }, 2), '{\n  "a": [\n    1\n  ],\n  "b": {}\n}');
    assert.equal(exactJson(new ExactNumber('not a number')), '"not a number"', 'never a broken file');
  });

  it('takes the format from the file extension, case-insensitively, and none from others', function () {
    assert.equal(formatFromPath('/tmp/a.jsonl'), 'jsonl');
    assert.equal(formatFromPath('/tmp/a.NDJSON'), 'jsonl');
    assert.equal(formatFromPath('C:\\x\\list.CSV'), 'csv');
    assert.equal(formatFromPath('list.json'), 'json');
    assert.equal(formatFromPath('list.txt'), undefined);
    assert.equal(formatFromPath('list'), undefined);
  });
});
