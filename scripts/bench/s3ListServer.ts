// The benchmark's S3 for listings of a million keys: ListObjectsV2 over synthetic buckets (s3ListData.ts), in a
// process of its own. fauxqs (the tests' S3) reads every key it holds for each page, so a million-key listing there
// measures the emulator, not the client; this server finds a page's start by binary search. It answers what the
// contenders send (this project's CLI, the SDK loop, `aws s3 ls --recursive`) as the API reference says:
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
// - keys in UTF-8 binary order; `max-keys` at most 1,000 (the default), Contents and CommonPrefixes counted together;
// - `prefix`, `delimiter` (keys sharing prefix…delimiter are one CommonPrefix), `start-after`, `continuation-token`
//   (opaque; the token wins over start-after), `encoding-type=url` (Key, Prefix, Delimiter, StartAfter encoded);
// - `IsTruncated`, `NextContinuationToken` only when truncated, `KeyCount`; NoSuchBucket (404) for another bucket.
// Usage: node s3-list-server.js. Prints {"port":N} once listening on 127.0.0.1.
import * as http from 'node:http';
import { SYNTHETIC, syntheticKey, syntheticObject } from './s3ListData';

const MAX_KEYS = 1000;

const buckets = new Map<string, { readonly keys: readonly string[]; readonly perPrefix: number }>(Object.values(SYNTHETIC).map(({ bucket, prefixes, perPrefix }) => {
  const keys = Array.from({ length: prefixes * perPrefix }, (_, i) => syntheticKey(i, perPrefix));
  return [bucket, { keys, perPrefix }];
}));

/** The index of the first key ≥ `text` (binary, as S3 orders keys). */
function lowerBound(keys: readonly string[], text: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Buffer.compare(Buffer.from(keys[middle]), Buffer.from(text)) < 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** The first text after every text that starts with `prefix`. */
function pastPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function error(response: http.ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xml(message)}</Message></Error>`);
}

function listObjectsV2(response: http.ServerResponse, bucketName: string, query: URLSearchParams): void {
  const bucket = buckets.get(bucketName);
  if (!bucket) {
    error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    return;
  }
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeys = Math.min(MAX_KEYS, Number(query.get('max-keys') ?? MAX_KEYS));
  const token = query.get('continuation-token');
  const startAfter = query.get('start-after') ?? '';
  const url = query.get('encoding-type') === 'url';
  const encode = (text: string) => (url ? encodeURIComponent(text).replace(/%2F/g, '/') : text);
  // The token is this server's own: the text the next page starts at (a key, or the end of a common prefix).
  let from = token !== null ? Buffer.from(token, 'base64url').toString('utf8') : startAfter ? `${startAfter}\0` : '';
  if (from < prefix) {
    from = prefix;
  }
  const { keys, perPrefix } = bucket;
  let index = lowerBound(keys, from);
  const contents: string[] = [];
  const commonPrefixes: string[] = [];
  let next: string | undefined;
  while (index < keys.length && keys[index].startsWith(prefix)) {
    if (contents.length + commonPrefixes.length >= maxKeys) {
      next = keys[index];
      break;
    }
    const key = keys[index];
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) {
      const common = key.slice(0, cut + delimiter.length);
      commonPrefixes.push(`<CommonPrefixes><Prefix>${xml(encode(common))}</Prefix></CommonPrefixes>`);
      index = lowerBound(keys, pastPrefix(common));
      continue;
    }
    const o = syntheticObject(index, perPrefix);
    contents.push(`<Contents><Key>${xml(encode(o.Key))}</Key><LastModified>${o.LastModified}</LastModified><ETag>${xml(o.ETag)}</ETag>`
      + `<Size>${o.Size}</Size><StorageClass>${o.StorageClass}</StorageClass></Contents>`);
    index++;
  }
  const parts = [
    `<Name>${xml(bucketName)}</Name><Prefix>${xml(encode(prefix))}</Prefix>`,
    delimiter ? `<Delimiter>${xml(encode(delimiter))}</Delimiter>` : '',
    `<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${contents.length + commonPrefixes.length}</KeyCount>`,
    `<IsTruncated>${next !== undefined}</IsTruncated>`,
    token !== null ? `<ContinuationToken>${xml(token)}</ContinuationToken>` : '',
    next !== undefined ? `<NextContinuationToken>${Buffer.from(next).toString('base64url')}</NextContinuationToken>` : '',
    startAfter ? `<StartAfter>${xml(encode(startAfter))}</StartAfter>` : '',
    url ? '<EncodingType>url</EncodingType>' : '',
    ...contents, ...commonPrefixes,
  ];
  response.writeHead(200, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join('')}</ListBucketResult>`);
}

const server = http.createServer((request, response) => {
  request.resume();
  const url = new URL(request.url ?? '/', 'http://localhost');
  const [, bucket = '', ...rest] = url.pathname.split('/');
  if (request.method === 'GET' && bucket && rest.join('/') === '' && url.searchParams.get('list-type') === '2') {
    listObjectsV2(response, decodeURIComponent(bucket), url.searchParams);
  } else if (request.method === 'HEAD' && bucket && rest.join('/') === '') {
    response.writeHead(buckets.has(decodeURIComponent(bucket)) ? 200 : 404, { 'x-amz-bucket-region': 'us-east-1' });
    response.end();
  } else {
    error(response, 501, 'NotImplemented', `This benchmark server lists objects only (${request.method} ${url.pathname}${url.search})`);
  }
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
