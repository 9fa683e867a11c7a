import { DEFAULT_ACCOUNT } from '../../../support/healthStandIn';
import { type KindRow, type World } from '../kinds';

// AWS Health lists newest update first, in pages of 10 to 100: 150 events of the caller's account, one event with
// 150 affected entities in it, and one affecting 120 accounts of the organization.
const ENTITIES_EVENT = 'arn:aws:health:us-east-1::event/EC2/AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED/RELIABILITY_ENTITIES';
const ACCOUNTS_EVENT = 'arn:aws:health:us-east-1::event/RDS/AWS_RDS_MAINTENANCE_SCHEDULED/RELIABILITY_ACCOUNTS';
const NO_SUCH_EVENT = 'arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/RELIABILITY_NO_SUCH_EVENT';
const ACCOUNTS = Array.from({ length: 120 }, (_, i) => String(900_000_000_000 + i));

const health = (world: World) => world.emulator.health;

export const healthRows: readonly KindRow[] = [
  {
    kind: 'health.events',
    address: 'health:events',
    pageSize: 10,
    operations: ['DescribeEvents'],
    seed(world) {
      health(world).seedEvents(150, { accounts: [DEFAULT_ACCOUNT], seed: 'reliability' });
      health(world).addEvent({
        service: 'EC2', eventTypeCode: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED', eventTypeCategory: 'scheduledChange', statusCode: 'upcoming',
        id: 'RELIABILITY_ENTITIES', lastUpdatedTime: health(world).now() - 60_000,
      });
      health(world).organizationAccounts.push(...ACCOUNTS);
      health(world).addEvent({
        service: 'RDS', eventTypeCode: 'AWS_RDS_MAINTENANCE_SCHEDULED', eventTypeCategory: 'scheduledChange', statusCode: 'upcoming',
        id: 'RELIABILITY_ACCOUNTS', accounts: ACCOUNTS, lastUpdatedTime: health(world).now() - 120_000,
      });
    },
    expected: (world) => health(world).events().filter((event) => health(world).visibleToAccount(event)).map((event) => event.arn),
    idOf: (record) => String(record.arn),
    missing: { what: 'DescribeEvents denied (AccessDeniedException)', expect: 'accessDenied' },
  },
  {
    kind: 'health.entities',
    address: `health:event/${ENTITIES_EVENT}`,
    pageSize: 10,
    operations: ['DescribeAffectedEntities'],
    // The event the events row made.
    seed(world) {
      health(world).addEntities(ENTITIES_EVENT, Array.from({ length: 150 }, (_, i) => ({
        entityValue: `i-${String(i).padStart(17, '0')}`, lastUpdatedTime: health(world).now() - 300_000 - i * 1000, statusCode: 'PENDING' as const,
      })));
    },
    expected: (world) => health(world).entities(ENTITIES_EVENT).map((entity) => entity.entityArn),
    idOf: (record) => String(record.entityArn),
    missing: { what: 'the entities of an event that does not exist (DescribeAffectedEntities answers an empty list)', address: `health:event/${NO_SUCH_EVENT}`, expect: 'empty' },
  },
  {
    kind: 'health.organizationEvents',
    address: 'health:organization-events',
    pageSize: 10,
    operations: ['DescribeEventsForOrganization'],
    seed: () => undefined,
    expected: (world) => health(world).events().filter((event) => health(world).visibleToOrganization(event)).map((event) => event.arn),
    idOf: (record) => String(record.arn),
    missing: { what: 'DescribeEventsForOrganization denied (AccessDeniedException)', expect: 'accessDenied' },
  },
  {
    kind: 'health.affectedAccounts',
    address: `health:organization-event/${ACCOUNTS_EVENT}`,
    pageSize: 10,
    operations: ['DescribeAffectedAccountsForOrganization'],
    seed: () => undefined,
    expected: () => ACCOUNTS,
    idOf: (record) => String(record.awsAccountId),
    missing: {
      what: 'the accounts of an event that does not exist (DescribeAffectedAccountsForOrganization answers an empty list, scope NONE)',
      address: `health:organization-event/${NO_SUCH_EVENT}`, expect: 'empty',
    },
  },
  {
    kind: 'health.organizationEntities',
    address: `health:organization-entities/${ENTITIES_EVENT}?account=${DEFAULT_ACCOUNT}`,
    pageSize: 10,
    operations: ['DescribeAffectedEntitiesForOrganization'],
    seed: () => undefined,
    expected: (world) => health(world).entities(ENTITIES_EVENT).map((entity) => entity.entityArn),
    idOf: (record) => String(record.entityArn),
    missing: {
      what: 'the entities of an event that does not exist (DescribeAffectedEntitiesForOrganization answers it in failedSet)',
      address: `health:organization-entities/${NO_SUCH_EVENT}?account=${DEFAULT_ACCOUNT}`, expect: 'empty',
    },
  },
];
