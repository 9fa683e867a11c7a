import type * as http from 'node:http';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { forward, type RouteHandler } from './serviceRouter';

/**
 * SNS ListSubscriptionsByTopic as the service answers a topic that does not exist: "NotFound: Indicates that the
 * requested resource does not exist" (HTTP 404, API reference, ListSubscriptionsByTopic, Errors). fauxqs 2.4 answers
 * it with an empty list instead; this asks fauxqs for the topic (GetTopicAttributes, which it does refuse with
 * NotFound) and sends every request for a topic that exists on to fauxqs unchanged.
 */
export function subscriptionsByTopicHandler(fauxqsEndpoint: string): RouteHandler {
  const client = new SNSClient({
    endpoint: fauxqsEndpoint, region: 'us-east-1', maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' },
  });
  return async (req, body, res) => {
    const topicArn = new URLSearchParams(body.toString('utf8')).get('TopicArn') ?? '';
    try {
      await client.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    } catch (error) {
      if (['NotFound', 'NotFoundException'].includes((error as Error).name)) {
        return notFound(res);
      }
      throw error;
    }
    return forward(fauxqsEndpoint, req, body, res);
  };
}

function notFound(res: http.ServerResponse): void {
  const xml = '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>';
  res.writeHead(404, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': 'stand-in' });
  res.end(xml);
}
