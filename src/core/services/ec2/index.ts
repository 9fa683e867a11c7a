import { type Service } from '../service';
import { filterByState, filterByTag } from './filterActions';
import { ec2Instances } from './instances';

export const ec2: Service = {
  id: 'ec2',
  kinds: [ec2Instances],
  roots: [{ kind: ec2Instances.id, params: {} }],
  itemKinds: { ec2Instance: { icon: 'vm', noun: 'EC2 instance' } },
  errors: {
    notFound: ['InvalidInstanceID.NotFound'],
    accessDenied: ['UnauthorizedOperation'],
    throttled: ['RequestLimitExceeded'],
    // The EC2 error codes: "InvalidPaginationToken: The specified pagination token is not valid or is expired."
    // Users report some Describe* APIs refusing a stale NextToken as InvalidParameterValue ("… NextToken is invalid").
    refusedToken: [{ code: 'InvalidPaginationToken', message: /token/i }, { code: 'InvalidParameterValue', message: /NextToken/i }],
  },
  actions: [filterByState, filterByTag],
};
