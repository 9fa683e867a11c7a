/**
 * Where a resource Resource Explorer found is browsed in this extension: the address of the list it opens (a
 * bucket's objects, a topic's subscriptions, a queue, a table's items, a log group's streams, an instance), and the
 * Region it is in; undefined for a type the extension does not list.
 */
export function browsableAddress(arn: string, region?: string): { readonly address: string; readonly region?: string } | undefined {
  const [, , service, arnRegion, , ...rest] = arn.split(':');
  const resource = rest.join(':');
  const where = arnRegion || (region && region !== 'global' ? region : undefined);
  const at = (address: string) => ({ address, ...(where ? { region: where } : {}) });
  switch (service) {
    case 's3':
      return resource && !resource.includes('/') ? at(`s3://${resource}/`) : undefined;
    case 'sns':
      return resource && !resource.includes(':') ? at(arn) : undefined;
    case 'sqs':
      return resource ? at(arn) : undefined;
    case 'dynamodb':
      return /^table\/[^/]+$/.test(resource) ? at(`dynamodb:${resource}`) : undefined;
    case 'logs': {
      const group = /^log-group:([^:]+)(?::\*)?$/.exec(resource)?.[1];
      return group ? at(`logs:streams/${group}`) : undefined;
    }
    case 'ec2': {
      const instance = /^instance\/(i-[0-9a-f]+)$/.exec(resource)?.[1];
      return instance ? at(`ec2:instances?id=${instance}`) : undefined;
    }
    default:
      return undefined;
  }
}
