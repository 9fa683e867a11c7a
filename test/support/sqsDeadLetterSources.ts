import type * as http from 'node:http';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type RouteHandler } from './serviceRouter';

/**
 * SQS ListDeadLetterSourceQueues, which fauxqs 2.4 does not implement (it answers InvalidAction), served from fauxqs's
 * own queues through the real API (ListQueues, then GetQueueAttributes `RedrivePolicy` of each), in the AWS JSON 1.0
 * protocol the SDK speaks. Paging as the API reference documents it
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListDeadLetterSourceQueues.html):
 * - `QueueUrl` names the dead-letter queue; the result is `queueUrls` (lower case) and `NextToken`;
 * - `MaxResults` 1 to 1,000; "You must set MaxResults to receive a value for NextToken in the response": without it,
 *   up to 1,000 URLs and never a token;
 * - a `NextToken` that this listing did not hand out is refused (400 `InvalidParameterValue`).
 */
export function deadLetterSourcesHandler(fauxqsEndpoint: string): RouteHandler {
  const client = new SQSClient({
    endpoint: fauxqsEndpoint, region: 'us-east-1', maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' },
  });
  return async (_req, body, res) => {
    const input = JSON.parse(body.toString('utf8') || '{}') as { QueueUrl?: string; MaxResults?: number; NextToken?: string };
    const queueUrl = input.QueueUrl ?? '';
    let targetArn: string | undefined;
    try {
      targetArn = (await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
    } catch (error) {
      const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      return sendJson(res, e.$metadata?.httpStatusCode ?? 400, { __type: `com.amazonaws.sqs#${e.name}`, message: e.message },
        { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' });
    }
    const pageSize = input.MaxResults;
    if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)) {
      return sendJson(res, 400, { __type: 'com.amazonaws.sqs#InvalidParameterValue', message: 'Value for parameter MaxResults is invalid. Reason: must be between 1 and 1000.' });
    }
    let offset = 0;
    if (input.NextToken !== undefined) {
      const token = readToken(input.NextToken);
      if (!token || token.queue !== queueUrl) {
        return sendJson(res, 400, { __type: 'com.amazonaws.sqs#InvalidParameterValue', message: 'Invalid NextToken value.' });
      }
      offset = token.offset;
    }
    const sources = await sourcesOf(client, targetArn ?? '');
    const size = pageSize ?? 1000;
    const page = sources.slice(offset, offset + size);
    const more = pageSize !== undefined && offset + size < sources.length;
    return sendJson(res, 200, { queueUrls: page, ...(more ? { NextToken: writeToken({ queue: queueUrl, offset: offset + size }) } : {}) });
  };
}

/** The URLs of the queues whose redrive policy names `arn`, in URL order. */
async function sourcesOf(client: SQSClient, arn: string): Promise<string[]> {
  const urls = (await client.send(new ListQueuesCommand({}))).QueueUrls ?? [];
  const sources: string[] = [];
  for (let i = 0; i < urls.length; i += 32) {
    const batch = urls.slice(i, i + 32);
    const policies = await Promise.all(batch.map((QueueUrl) => client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['RedrivePolicy'] }))));
    policies.forEach((output, j) => {
      const policy = output.Attributes?.RedrivePolicy;
      if (policy && (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn === arn) {
        sources.push(batch[j]);
      }
    });
  }
  return sources.sort();
}

function writeToken(token: { queue: string; offset: number }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function readToken(text: string): { queue: string; offset: number } | undefined {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { queue?: unknown; offset?: unknown };
    return typeof token.queue === 'string' && Number.isSafeInteger(token.offset) ? { queue: token.queue, offset: token.offset as number } : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'stand-in', ...headers });
  res.end(text);
}
