import { type KindRow, type World } from '../kinds';

// An aggregator index in us-east-1 sees the 1,600 resources of us-east-1 and eu-west-1: past the 1,000 a search
// returns, so the search's export splits (by Region, here). 22 more Regions have an index, us-east-1 has 10 views
// (its quota), one of them the default.
const REGIONS = ['us-east-1', 'eu-west-1'];
const OTHER_REGIONS = [
  'af-south-1', 'ap-east-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1',
  'eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-west-2', 'eu-west-3', 'me-south-1', 'sa-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'il-central-1', 'me-central-1', 'ap-south-2',
];
const TYPES = ['s3:bucket', 'sqs:queue', 'ec2:instance', 'ec2:volume'];
const VIEWS = Array.from({ length: 9 }, (_, i) => `reliability-view-${i + 1}`);
const NO_SUCH_VIEW = 'arn:aws:resource-explorer-2:us-east-1:123456789012:view/reliability-no-such-view/00000000-0000-0000-0000-000000000000';

const store = (world: World) => world.emulator.resourceExplorer;
const arnOf = (record: Record<string, unknown>) => String(record.Arn);

export const resourceExplorerRows: readonly KindRow[] = [
  {
    kind: 'resourceExplorer.home',
    address: 'resource-explorer:',
    pageSize: 4,
    operations: [],
    noRequests: 'a fixed list of 4 rows (Search…, All Resources, Views, Indexes) built without a request',
    seed(world) {
      // Only the proxy throttles in these tables, so every retry is one it caused (the stand-in's 5 and 3 a second off;
      // the extension still paces its searches).
      store(world).searchesPerSecond = Infinity;
      store(world).otherOpsPerSecond = Infinity;
      store(world).addIndex('us-east-1', { type: 'AGGREGATOR' });
      store(world).addIndex('eu-west-1');
      store(world).addView('us-east-1', 'everything', { includedProperties: ['tags'], makeDefault: true });
      store(world).seedResources(1600, { regions: REGIONS, types: TYPES, seed: 'reliability' });
    },
    expected: () => ['Search…', 'All Resources', 'Views', 'Indexes'],
    idOf: (record) => String(record.name),
    missing: { what: 'nothing to miss: the list sends no request', expect: 'empty' },
  },
  {
    kind: 'resourceExplorer.search',
    // An empty query: every resource, past the cap. The export splits it; the tree would stop at 1,000.
    address: 'resource-explorer:search?q=',
    pageSize: 100,
    operations: ['Search'],
    seed: () => undefined,
    expected: (world) => store(world).resources().map((resource) => resource.arn),
    idOf: arnOf,
    missing: { what: 'a search of a view that does not exist (401 UnauthorizedException)', address: `resource-explorer:search?q=&view=${NO_SUCH_VIEW}`, expect: 'unavailable' },
  },
  {
    kind: 'resourceExplorer.resources',
    address: 'resource-explorer:resources',
    pageSize: 150,
    operations: ['ListResources'],
    seed: () => undefined,
    expected: (world) => store(world).resources().map((resource) => resource.arn),
    idOf: arnOf,
    missing: { what: 'the resources of a view that does not exist (401 UnauthorizedException)', address: `resource-explorer:resources?view=${NO_SUCH_VIEW}`, expect: 'unavailable' },
  },
  {
    kind: 'resourceExplorer.views',
    address: 'resource-explorer:views',
    pageSize: 1,
    operations: ['ListViews'],
    seed(world) {
      VIEWS.forEach((name) => store(world).addView('us-east-1', name));
    },
    expected: (world) => store(world).views('us-east-1').map((view) => view.arn),
    idOf: (record) => String(record.ViewArn),
    missing: { what: 'ListViews denied (AccessDeniedException)', expect: 'accessDenied' },
  },
  {
    kind: 'resourceExplorer.indexes',
    address: 'resource-explorer:indexes',
    pageSize: 2,
    operations: ['ListIndexes'],
    seed(world) {
      OTHER_REGIONS.forEach((region) => store(world).addIndex(region));
    },
    expected: () => [...REGIONS, ...OTHER_REGIONS],
    idOf: (record) => String(record.Region),
    missing: { what: 'ListIndexes denied (AccessDeniedException)', expect: 'accessDenied' },
  },
];
