// The benchmark's S3 for S3 Inventory reports: the few S3 calls a report's export sends, served from files on disk
// (inventoryData.ts writes them), in a process of its own. fauxqs keeps objects in memory and was not written for
// hundreds of MB of ranged reads; this server streams a file's bytes straight from disk. It answers, as the API
// reference says (https://docs.aws.amazon.com/AmazonS3/latest/API/):
// - HeadBucket (`HEAD /BUCKET`): 200 for a directory under DATA_DIR, 404 otherwise;
// - GetObject (`GET /BUCKET/KEY`), with `Range: bytes=A-B` (also `A-` and `-N`): 206 with Content-Range, or 200 with
//   the whole file; 416 InvalidRange for a range past the end; 404 NoSuchKey;
// - ListObjectsV2 (`GET /BUCKET?list-type=2`): `prefix`, `delimiter` (CommonPrefixes), `max-keys` (≤ 1,000),
//   `continuation-token` (opaque: the key to start at), `start-after`, in UTF-8 binary order: enough for the report
//   folders of a configuration (`ROOT/YYYY-MM-DDTHH-MMZ/`, beside `ROOT/data/`);
// - the inventory configuration calls (`GET /BUCKET?inventory[&id=ID]`): the tests' own stand-in
//   (test/support/s3InventoryStandIn.ts), its HeadBucket sent to this server.
// Usage: node inventory-server.js DATA_DIR CONFIGURATIONS_JSON ({"bucket": [InventoryConfiguration…]}). Prints
// {"port":N} once listening on 127.0.0.1.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { inventoryHandler, InventoryStore, type InventoryConfiguration } from '../../test/support/s3InventoryStandIn';

const MAX_KEYS = 1000;
const [dataDir, configurationsJson] = process.argv.slice(2);

const store = new InventoryStore();
for (const [bucket, configurations] of Object.entries(JSON.parse(configurationsJson) as Record<string, InventoryConfiguration[]>)) {
  for (const configuration of configurations) {
    store.put(bucket, configuration);
  }
}

/** A bucket's keys in UTF-8 binary order (a few files a report: read once, on the first listing). */
const keysOf = new Map<string, string[]>();
function bucketKeys(bucket: string): string[] {
  let keys = keysOf.get(bucket);
  if (!keys) {
    const root = path.join(dataDir, bucket);
    keys = (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    keysOf.set(bucket, keys);
  }
  return keys;
}

const bucketExists = (bucket: string) => bucket !== '' && !bucket.includes('..') && fs.statSync(path.join(dataDir, bucket), { throwIfNoEntry: false })?.isDirectory() === true;
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function error(response: http.ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xml(message)}</Message></Error>`);
}

function listObjectsV2(response: http.ServerResponse, bucket: string, query: URLSearchParams): void {
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeys = Math.min(MAX_KEYS, Number(query.get('max-keys') ?? MAX_KEYS));
  const token = query.get('continuation-token');
  const startAfter = query.get('start-after') ?? '';
  const from = token !== null ? Buffer.from(token, 'base64url').toString('utf8') : startAfter ? `${startAfter}\0` : '';
  const contents: string[] = [];
  const commonPrefixes: string[] = [];
  let next: string | undefined;
  let lastCommon = '';
  for (const key of bucketKeys(bucket)) {
    if (!key.startsWith(prefix) || Buffer.compare(Buffer.from(key), Buffer.from(from)) < 0) {
      continue;
    }
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? key.slice(0, cut + delimiter.length) : undefined;
    if (common !== undefined && common === lastCommon) {
      continue;
    }
    if (contents.length + commonPrefixes.length >= maxKeys) {
      next = key;
      break;
    }
    if (common !== undefined) {
      lastCommon = common;
      commonPrefixes.push(`<CommonPrefixes><Prefix>${xml(common)}</Prefix></CommonPrefixes>`);
    } else {
      const stat = fs.statSync(path.join(dataDir, bucket, key));
      contents.push(`<Contents><Key>${xml(key)}</Key><LastModified>${stat.mtime.toISOString()}</LastModified><ETag>"${etagOf(stat)}"</ETag>`
        + `<Size>${stat.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`);
    }
  }
  const parts = [
    `<Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix>`,
    delimiter ? `<Delimiter>${xml(delimiter)}</Delimiter>` : '',
    `<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${contents.length + commonPrefixes.length}</KeyCount>`,
    `<IsTruncated>${next !== undefined}</IsTruncated>`,
    token !== null ? `<ContinuationToken>${xml(token)}</ContinuationToken>` : '',
    next !== undefined ? `<NextContinuationToken>${Buffer.from(next).toString('base64url')}</NextContinuationToken>` : '',
    startAfter ? `<StartAfter>${xml(startAfter)}</StartAfter>` : '',
    ...contents, ...commonPrefixes,
  ];
  response.writeHead(200, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join('')}</ListBucketResult>`);
}

/** Not the MD5 (that would read every file on start): a stable tag of the file's size and time, as S3's is of its content. */
function etagOf(stat: fs.Stats): string {
  return `${stat.size.toString(16)}${Math.floor(stat.mtimeMs).toString(16)}`.padStart(32, '0').slice(-32);
}

function getObject(request: http.IncomingMessage, response: http.ServerResponse, bucket: string, key: string): void {
  const file = path.join(dataDir, bucket, key);
  const stat = key.split('/').includes('..') ? undefined : fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    error(response, 404, 'NoSuchKey', 'The specified key does not exist.');
    return;
  }
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', etag: `"${etagOf(stat)}"`, 'last-modified': stat.mtime.toUTCString(),
  };
  const range = request.headers.range;
  let start = 0;
  let end = stat.size - 1;
  if (range !== undefined) {
    const match = /^bytes=(\d*)-(\d*)$/.exec(range);
    if (match && (match[1] !== '' || match[2] !== '')) {
      if (match[1] === '') {
        start = Math.max(0, stat.size - Number(match[2]));
      } else {
        start = Number(match[1]);
        end = match[2] === '' ? stat.size - 1 : Math.min(Number(match[2]), stat.size - 1);
      }
      if (start >= stat.size || start > end) {
        response.writeHead(416, { 'content-type': 'application/xml', 'content-range': `bytes */${stat.size}` });
        response.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidRange</Code><Message>The requested range is not satisfiable</Message></Error>');
        return;
      }
      headers['content-range'] = `bytes ${start}-${end}/${stat.size}`;
    }
  }
  headers['content-length'] = end - start + 1;
  response.writeHead(headers['content-range'] ? 206 : 200, headers);
  if (request.method === 'HEAD' || stat.size === 0) {
    response.end();
    return;
  }
  const stream = fs.createReadStream(file, { start, end, highWaterMark: 1024 * 1024 });
  stream.on('error', (failure) => response.destroy(failure));
  response.on('close', () => stream.destroy());
  stream.pipe(response);
}

let inventory: ReturnType<typeof inventoryHandler> | undefined;

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const [, rawBucket = '', ...rest] = url.pathname.split('/');
  const bucket = decodeURIComponent(rawBucket);
  const key = rest.map(decodeURIComponent).join('/');
  const body: Buffer[] = [];
  request.on('data', (chunk: Buffer) => body.push(chunk));
  request.on('end', () => {
    if (!bucketExists(bucket)) {
      error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    } else if (key === '' && request.method === 'HEAD') {
      response.writeHead(200, { 'x-amz-bucket-region': 'us-east-1' });
      response.end();
    } else if (key === '' && url.searchParams.has('inventory')) {
      inventory!(request, Buffer.concat(body), response).catch((failure: unknown) => error(response, 500, 'InternalError', String(failure)));
    } else if (key === '' && request.method === 'GET' && url.searchParams.get('list-type') === '2') {
      listObjectsV2(response, bucket, url.searchParams);
    } else if (key !== '' && (request.method === 'GET' || request.method === 'HEAD')) {
      getObject(request, response, bucket, key);
    } else {
      error(response, 501, 'NotImplemented', `This benchmark server reads inventory reports only (${request.method} ${url.pathname}${url.search})`);
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  inventory = inventoryHandler(store, `http://127.0.0.1:${port}`);
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
