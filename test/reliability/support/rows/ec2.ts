import { type KindRow } from '../kinds';

let instanceIds: string[] = [];

export const ec2Rows: readonly KindRow[] = [
  {
    kind: 'ec2.instances',
    address: 'ec2:instances',
    pageSize: 10,
    operations: ['DescribeInstances'],
    seed({ emulator }) {
      instanceIds = emulator.ec2.seedInstances(150).map((instance) => instance.instanceId);
    },
    expected: () => instanceIds,
    idOf: (record) => String(record.InstanceId),
    missing: { what: 'DescribeInstances denied (UnauthorizedOperation)', expect: 'accessDenied' },
  },
];
