import * as http from 'node:http';
import { type AddressInfo } from 'node:net';

/**
 * One endpoint in front of the emulators, the way LocalStack serves every service on one port: a request goes to
 * the emulator of its service, told by its `X-Amz-Target` (the JSON protocols name service and operation there;
 * SNS and S3 send none and go to fauxqs). Each route is a base URL, or an in-process handler for an operation an
 * emulator lacks.
 */
export type RouteHandler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => Promise<void>;

export interface Routes {
  /** fauxqs: SNS, SQS and S3. */
  readonly fallback: string;
  /** By `X-Amz-Target` prefix (`DynamoDB_20120810.`) or whole value (`AmazonSQS.ListDeadLetterSourceQueues`). */
  readonly byTarget: ReadonlyArray<readonly [target: string, route: string | RouteHandler]>;
  /** Query-protocol forms (`Action=…&Version=…`) an emulator does not read, by version and action. */
  readonly byForm?: ReadonlyArray<readonly [version: string, action: string, route: RouteHandler]>;
  /**
   * REST protocols name no operation in a header: by the service their request is signed for, the SigV4 credential
   * scope's third part (`Credential=AKID/20261205/us-east-1/resource-explorer-2/aws4_request`).
   */
  readonly bySigningService?: ReadonlyArray<readonly [service: string, route: RouteHandler]>;
  /** Requests none of the above names (S3's ListBuckets is a GET of `/`), by a test of the request. */
  readonly byRequest?: ReadonlyArray<readonly [matches: (req: http.IncomingMessage, signedFor: string | undefined) => boolean, route: RouteHandler]>;
}

/** What a request asked, as the router saw it: for tests that count requests (a hover must send none). */
export interface RoutedRequest {
  readonly method: string;
  readonly path: string;
  /** `X-Amz-Target` (JSON protocols) or the form's `Action` (query protocols); empty for S3. */
  readonly operation: string;
}

export interface ServiceRouter {
  readonly endpoint: string;
  /** Every request received, in order. */
  readonly requests: RoutedRequest[];
  stop(): Promise<void>;
}

export async function startServiceRouter(routes: Routes): Promise<ServiceRouter> {
  const sockets = new Set<import('node:net').Socket>();
  const requests: RoutedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = Buffer.concat(chunks);
      const form = !target && String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded') ? new URLSearchParams(body.toString('utf8')) : undefined;
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', operation: target || form?.get('Action') || '' });
      const signedFor = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
      const route = routes.byTarget.find(([prefix]) => target === prefix || (prefix.endsWith('.') && target.startsWith(prefix)))?.[1]
        ?? routes.byForm?.find(([version, action]) => form?.get('Version') === version && form.get('Action') === action)?.[2]
        ?? routes.bySigningService?.find(([service]) => service === signedFor)?.[1]
        ?? routes.byRequest?.find(([matches]) => !target && !form && matches(req, signedFor))?.[1]
        ?? routes.fallback;
      const handled = typeof route === 'string' ? forward(route, req, body, res) : route(req, body, res);
      handled.catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'text/plain' });
        }
        res.end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async stop() {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends the request on unchanged (Host rewritten) and the answer back as it came; aborts the upstream if the client goes. */
export function forward(base: string, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
  const target = new URL(base);
  return new Promise((resolve, reject) => {
    const upstream = http.request({
      host: target.hostname, port: target.port, method: req.method, path: req.url,
      headers: { ...req.headers, host: target.host, 'content-length': String(body.length) },
    }, (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
      response.on('end', resolve);
      response.on('error', reject);
    });
    upstream.on('error', reject);
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  });
}
