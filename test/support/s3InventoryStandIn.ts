import * as http from 'node:http';
import { type RouteHandler } from './serviceRouter';

/**
 * S3's bucket inventory configuration calls, which neither fauxqs nor s3rver implements, in S3's REST XML as the API
 * reference gives it; every other S3 request goes on to the emulator.
 * - ListBucketInventoryConfigurations, `GET /BUCKET?inventory[&continuation-token=T]`
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBucketInventoryConfigurations.html): "does not return
 *   more than 100 configurations at a time. Always check the IsTruncated element … If there are more configurations
 *   to list, IsTruncated is set to true, and there is a value in NextContinuationToken. You use the
 *   NextContinuationToken value to continue the pagination of the list by passing the value in continuation-token";
 *   the answer echoes the request's token as `ContinuationToken`. Configurations come in Id order (as S3 returns them).
 *   A token this listing did not hand out is refused: 400 InvalidArgument, as S3 refuses a ListObjectsV2 one.
 * - GetBucketInventoryConfiguration, `GET /BUCKET?inventory&id=ID`
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketInventoryConfiguration.html): 404
 *   NoSuchConfiguration, "The specified configuration does not exist.", for an unknown id.
 * - Both need s3:GetInventoryConfiguration ("To use this operation, you must have permissions to perform the
 *   s3:GetInventoryConfiguration action"): a bucket in `denied` answers 403 AccessDenied; a bucket the emulator does not
 *   have answers 404 NoSuchBucket.
 * - `Destination.S3BucketDestination.Bucket` is the destination bucket's ARN ("The Amazon Resource Name (ARN) of the
 *   bucket where inventory results will be published").
 */
export interface InventoryConfiguration {
  readonly id: string;
  readonly destinationBucket: string;
  readonly destinationPrefix?: string;
  readonly format: 'CSV' | 'ORC' | 'Parquet';
  readonly frequency?: 'Daily' | 'Weekly';
  readonly versions?: 'All' | 'Current';
  readonly filterPrefix?: string;
  readonly enabled?: boolean;
  readonly optionalFields?: readonly string[];
  /** The destination belongs to this account (written as `AccountId`), another account's when it is not ours. */
  readonly destinationAccount?: string;
}

export class InventoryStore {
  private readonly byBucket = new Map<string, InventoryConfiguration[]>();
  /** Buckets whose inventory configurations the caller may not read. */
  readonly denied = new Set<string>();
  private readonly tokens = new Map<string, string>();

  put(bucket: string, configuration: InventoryConfiguration): void {
    const kept = (this.byBucket.get(bucket) ?? []).filter((known) => known.id !== configuration.id);
    this.byBucket.set(bucket, [...kept, configuration].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  }

  of(bucket: string): readonly InventoryConfiguration[] {
    return this.byBucket.get(bucket) ?? [];
  }

  clear(): void {
    this.byBucket.clear();
    this.denied.clear();
    this.tokens.clear();
  }

  /** An opaque token naming the configuration after which the next page starts. */
  tokenAfter(bucket: string, id: string): string {
    const token = Buffer.from(`${bucket}\u0000${id}\u0000${this.tokens.size}`).toString('base64');
    this.tokens.set(token, id);
    return token;
  }

  readToken(token: string): string | undefined {
    return this.tokens.get(token);
  }
}

/** Whether a request is one of the inventory configuration calls: an S3 request of `?inventory` on a bucket. */
export function isInventoryRequest(req: http.IncomingMessage, signedFor: string | undefined): boolean {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  return signedFor === 's3' && url.searchParams.has('inventory') && url.pathname.length > 1;
}

const PAGE = 100;

export function inventoryHandler(store: InventoryStore, emulatorEndpoint: string): RouteHandler {
  return async (req, _body, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const bucket = decodeURIComponent(url.pathname.slice(1).split('/')[0]);
    if (req.method !== 'GET') {
      // The extension never writes; tests seed the store directly.
      return sendXml(res, 405, error('MethodNotAllowed', 'The specified method is not allowed against this resource.'));
    }
    if (!(await bucketExists(emulatorEndpoint, bucket, req.headers))) {
      return sendXml(res, 404, error('NoSuchBucket', 'The specified bucket does not exist'));
    }
    if (store.denied.has(bucket)) {
      return sendXml(res, 403, error('AccessDenied', 'Access Denied'));
    }
    const configurations = store.of(bucket);
    const id = url.searchParams.get('id');
    if (id !== null) {
      const found = configurations.find((configuration) => configuration.id === id);
      if (!found) {
        return sendXml(res, 404, error('NoSuchConfiguration', 'The specified configuration does not exist.'));
      }
      return sendXml(res, 200, `<?xml version="1.0" encoding="UTF-8"?><InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${configurationXml(found)}</InventoryConfiguration>`);
    }
    const token = url.searchParams.get('continuation-token');
    let start = 0;
    if (token !== null) {
      const after = store.readToken(token);
      if (after === undefined) {
        return sendXml(res, 400, error('InvalidArgument', 'The continuation token provided is incorrect'));
      }
      start = configurations.findIndex((configuration) => configuration.id > after);
      start = start < 0 ? configurations.length : start;
    }
    const page = configurations.slice(start, start + PAGE);
    const truncated = start + PAGE < configurations.length;
    sendXml(res, 200, [
      '<?xml version="1.0" encoding="UTF-8"?><ListInventoryConfigurationsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
      token !== null ? `<ContinuationToken>${escape(token)}</ContinuationToken>` : '',
      ...page.map((configuration) => `<InventoryConfiguration>${configurationXml(configuration)}</InventoryConfiguration>`),
      `<IsTruncated>${truncated}</IsTruncated>`,
      truncated ? `<NextContinuationToken>${escape(store.tokenAfter(bucket, page[page.length - 1].id))}</NextContinuationToken>` : '',
      '</ListInventoryConfigurationsResult>',
    ].join(''));
  };
}

function configurationXml(configuration: InventoryConfiguration): string {
  return [
    '<Destination><S3BucketDestination>',
    configuration.destinationAccount ? `<AccountId>${configuration.destinationAccount}</AccountId>` : '',
    `<Bucket>arn:aws:s3:::${escape(configuration.destinationBucket)}</Bucket>`,
    `<Format>${configuration.format}</Format>`,
    configuration.destinationPrefix !== undefined ? `<Prefix>${escape(configuration.destinationPrefix)}</Prefix>` : '',
    '</S3BucketDestination></Destination>',
    `<IsEnabled>${configuration.enabled ?? true}</IsEnabled>`,
    configuration.filterPrefix !== undefined ? `<Filter><Prefix>${escape(configuration.filterPrefix)}</Prefix></Filter>` : '',
    `<Id>${escape(configuration.id)}</Id>`,
    `<IncludedObjectVersions>${configuration.versions ?? 'Current'}</IncludedObjectVersions>`,
    configuration.optionalFields?.length ? `<OptionalFields>${configuration.optionalFields.map((field) => `<Field>${field}</Field>`).join('')}</OptionalFields>` : '',
    `<Schedule><Frequency>${configuration.frequency ?? 'Daily'}</Frequency></Schedule>`,
  ].join('');
}

/** HeadBucket on the emulator, signed as the request was (the emulator does not check signatures). */
function bucketExists(endpoint: string, bucket: string, headers: http.IncomingHttpHeaders): Promise<boolean> {
  const target = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: target.hostname, port: target.port, method: 'HEAD', path: `/${encodeURIComponent(bucket)}`, headers: { ...headers, host: target.host } }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', reject);
    request.end();
  });
}

function error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escape(message)}</Message></Error>`;
}

function sendXml(res: http.ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'inventory-stand-in' });
  res.end(xml);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
