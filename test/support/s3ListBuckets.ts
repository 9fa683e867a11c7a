import * as http from 'node:http';
import { type RouteHandler } from './serviceRouter';

/**
 * S3 ListBuckets with the paging the API reference documents, which fauxqs 2.4 does not do (it answers every bucket
 * and ignores the parameters): the buckets fauxqs has, in name order
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html):
 * - `prefix`: "Limits the response to bucket names that begin with the specified bucket name prefix";
 * - `max-buckets` (1 to 10,000): "Maximum number of buckets to be returned in response"; with more left, the answer
 *   has `ContinuationToken`, which the next request sends as `continuation-token` ("ContinuationToken is obfuscated
 *   and is not a real bucket");
 * - a continuation token this listing did not hand out is refused: 400 InvalidArgument "The continuation token
 *   provided is incorrect", as ListObjectsV2 refuses one.
 */
export function listBucketsHandler(fauxqsEndpoint: string): RouteHandler {
  return async (req, _body, res) => {
    const query = new URL(req.url ?? '/', 'http://stand-in').searchParams;
    const prefix = query.get('prefix') ?? '';
    const max = Number(query.get('max-buckets') ?? 10_000);
    if (!Number.isInteger(max) || max < 1 || max > 10_000) {
      return sendXml(res, 400, error('InvalidArgument', 'max-buckets must be between 1 and 10000.'));
    }
    let after = '';
    const token = query.get('continuation-token');
    if (token !== null) {
      const read = readToken(token, prefix);
      if (read === undefined) {
        return sendXml(res, 400, error('InvalidArgument', 'The continuation token provided is incorrect'));
      }
      after = read;
    }
    const all = await fauxqsBuckets(fauxqsEndpoint, req.headers);
    const matching = all.filter((bucket) => bucket.name.startsWith(prefix) && (after === '' || byteCompare(bucket.name, after) > 0));
    const page = matching.slice(0, max);
    const next = page.length < matching.length ? writeToken(page[page.length - 1].name, prefix) : undefined;
    sendXml(res, 200, [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
      '<Owner><ID>000000000000</ID><DisplayName>local</DisplayName></Owner>',
      `<Buckets>${page.map((bucket) => `<Bucket><Name>${escape(bucket.name)}</Name><CreationDate>${bucket.creationDate}</CreationDate></Bucket>`).join('')}</Buckets>`,
      next ? `<ContinuationToken>${next}</ContinuationToken>` : '',
      prefix ? `<Prefix>${escape(prefix)}</Prefix>` : '',
      '</ListAllMyBucketsResult>',
    ].join(''));
  };
}

/** Whether a request is ListBuckets: a GET of the service's root, signed for S3. */
export function isListBuckets(req: http.IncomingMessage, signedFor: string | undefined): boolean {
  return req.method === 'GET' && signedFor === 's3' && new URL(req.url ?? '/', 'http://stand-in').pathname === '/';
}

/** Every bucket fauxqs has, by name (UTF-8 byte order, as S3 lists them). */
async function fauxqsBuckets(endpoint: string, headers: http.IncomingHttpHeaders): Promise<Array<{ name: string; creationDate: string }>> {
  const target = new URL(endpoint);
  const xml = await new Promise<string>((resolve, reject) => {
    const request = http.request({ host: target.hostname, port: target.port, method: 'GET', path: '/', headers: { ...headers, host: target.host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`fauxqs ListBuckets: HTTP ${response.statusCode}`))));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
  return [...xml.matchAll(/<Bucket>\s*<Name>([^<]*)<\/Name>\s*<CreationDate>([^<]*)<\/CreationDate>\s*<\/Bucket>/g)]
    .map(([, name, creationDate]) => ({ name: unescape(name), creationDate }))
    .sort((a, b) => byteCompare(a.name, b.name));
}

function writeToken(after: string, prefix: string): string {
  return Buffer.from(JSON.stringify({ after, prefix })).toString('base64url');
}

/** The bucket name a token of this prefix's listing resumes after; undefined for any other token. */
function readToken(token: string, prefix: string): string | undefined {
  try {
    const read = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown; prefix?: unknown };
    return typeof read.after === 'string' && read.prefix === prefix ? read.after : undefined;
  } catch {
    return undefined;
  }
}

function error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escape(message)}</Message><RequestId>stand-in</RequestId></Error>`;
}

function sendXml(res: http.ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml), 'x-amz-request-id': 'stand-in' });
  res.end(xml);
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
