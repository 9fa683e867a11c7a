import type * as http from 'node:http';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type RouteHandler } from './serviceRouter';

/**
 * SQS ListQueues in the query protocol (a form with `Action=ListQueues&Version=2012-11-05`, an XML answer), which
 * older clients such as Debian's AWS CLI 2.9 still send and fauxqs 2.4 does not read: the same call made to fauxqs in
 * the JSON protocol, its answer written as the query protocol's XML (API reference, ListQueues: `QueueUrl` members,
 * `NextToken`; `MaxResults`, `NextToken` and `QueueNamePrefix` in the request).
 */
export function queryListQueuesHandler(fauxqsEndpoint: string): RouteHandler {
  const client = new SQSClient({
    endpoint: fauxqsEndpoint, region: 'us-east-1', maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' },
  });
  return async (_req, body, res) => {
    const form = new URLSearchParams(body.toString('utf8'));
    const maxResults = form.get('MaxResults');
    const output = await client.send(new ListQueuesCommand({
      QueueNamePrefix: form.get('QueueNamePrefix') ?? undefined,
      MaxResults: maxResults === null ? undefined : Number(maxResults),
      NextToken: form.get('NextToken') ?? undefined,
    }));
    const members = (output.QueueUrls ?? []).map((url) => `<QueueUrl>${escape(url)}</QueueUrl>`).join('');
    const token = output.NextToken ? `<NextToken>${escape(output.NextToken)}</NextToken>` : '';
    send(res, `<?xml version="1.0"?><ListQueuesResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><ListQueuesResult>${members}${token}</ListQueuesResult><ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></ListQueuesResponse>`);
  };
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function send(res: http.ServerResponse, xml: string): void {
  res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': 'stand-in' });
  res.end(xml);
}
