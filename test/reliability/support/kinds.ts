import { type AwsSession } from '../../../src/core/aws/session';
import { type ListRef } from '../../../src/core/lists';
import { type ProblemKind } from '../../../src/core/problems/problem';
import { services } from '../../../src/core/services/registry';
import { parseListArgument } from '../../../src/cli/listArgument';
import { testSession, type Emulator } from '../../support/emulator';
import { type ProxyRequest } from '../../support/faultProxy';
import { emulatorWithBigBucket } from './fixture';
import { recordKind, type KindOutcome, type KindCell } from './results';
import { dynamodbRows } from './rows/dynamodb';
import { ec2Rows } from './rows/ec2';
import { healthRows } from './rows/health';
import { logsRows } from './rows/logs';
import { resourceExplorerRows } from './rows/resourceExplorer';
import { s3Rows } from './rows/s3';
import { s3InventoryRows } from './rows/s3Inventory';
import { snsRows } from './rows/sns';
import { sqsRows } from './rows/sqs';

/**
 * The reliability tables' rows: one per list kind of the registry, each with what it puts in the shared emulator, the
 * list it exports and the ids that must come out. Every table iterates the registry's kinds and finds the row here,
 * so a kind added to the registry fails every table (and test/reliability/kindRows.test.ts) until it has one.
 */
export interface KindRow {
  /** The registry's kind id. */
  readonly kind: string;
  /**
   * The CLI's `<list>` argument, as a user types it: the kill table runs it, and every table exports the list the CLI
   * reads from it (flattened as the CLI does: an S3 prefix recursively, a Resource Explorer search past its cap).
   */
  readonly address: string;
  /** Small, so that a listing has roughly 10 to 20 pages (the kill table needs 10). */
  readonly pageSize: number;
  /** The operations (as the proxy names them) that fetch the list's pages: the requests faults go to. */
  readonly operations: readonly string[];
  /** Puts what the row lists into the emulator; run once, in the order of the rows (a row may build on an earlier one). */
  seed(world: World): Promise<void> | void;
  /** The ids the export must hold, each once (after seeding). */
  expected(world: World): readonly string[];
  /** The id of one exported record (a JSON Lines line). */
  idOf(record: Record<string, unknown>): string;
  /** A list whose resource does not exist, or, for a list with nothing to miss, its own list with access denied. */
  readonly missing: Missing;
  /** Set for a list that sends no request at all: why, said in every outcome instead of faulting. */
  readonly noRequests?: string;
  /**
   * Set for a list whose requests carry no service token (a report read from its files, its position ours): why. The
   * refused-token and empty-page tables say so instead of faulting a token.
   */
  readonly noToken?: string;
  /** Set for a list answered in one page (its requests all before the first page is written): why. Nothing to resume. */
  readonly onePage?: string;
}

export interface Missing {
  /** What is missing, in the report's words. */
  readonly what: string;
  /** The address of a list of something that does not exist; undefined: the row's own list, denied. */
  readonly address?: string;
  /**
   * The problem the user is shown; `empty` where the API answers a missing resource with an empty list (AWS Health
   * names an unknown event nowhere but in an empty page or a `failedSet`), which the tree says in the kind's words.
   */
  readonly expect: ProblemKind | 'empty';
}

/** What a row's seed and ground truth see: the emulator, and a session straight to it (no proxy). */
export interface World {
  readonly emulator: Emulator;
  readonly session: AwsSession;
}

export const rows: readonly KindRow[] = [...snsRows, ...s3Rows, ...s3InventoryRows, ...sqsRows, ...dynamodbRows, ...logsRows, ...ec2Rows, ...healthRows, ...resourceExplorerRows];

/** Every list kind of the registry, in its order: what the tables iterate. */
export const registryKinds: readonly string[] = services.flatMap((service) => service.kinds.map((kind) => kind.id));

/** The row of a kind; throws, failing the table's test, when the kind has none. */
export function rowOf(kind: string): KindRow {
  const row = rows.find((candidate) => candidate.kind === kind);
  if (!row) {
    throw new Error(`The registry's kind ${kind} has no row in test/reliability/support/rows/: add one (its seed, address, page size and ids).`);
  }
  return row;
}

/** The list a row exports: its address read as the CLI reads it. */
export function listOf(row: KindRow): ListRef {
  return parseListArgument(row.address, false).list;
}

/** Whether a proxied request fetches a page of the row's list. */
export function isListOf(row: KindRow): (request: ProxyRequest) => boolean {
  return (request) => row.operations.includes(request.action);
}

let world: Promise<World> | undefined;

/** The shared emulator with every row seeded, once for the whole run (the big bucket of the S3 suites too). */
export function seededWorld(): Promise<World> {
  world ??= (async () => {
    const emulator = await emulatorWithBigBucket();
    const seeded = { emulator, session: testSession(emulator.endpoint, { maxAttempts: 8 }) };
    for (const row of rows) {
      await row.seed(seeded);
    }
    return seeded;
  })();
  return world;
}

/** Disposes the seeding session at the end of the run (the emulator itself is stopped by fixture.ts). */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    if (world) {
      (await world).session.dispose();
    }
  },
};

/**
 * One test of a table: `it` for a registry kind and an outcome, whose body returns the matrix cell (what the report
 * says of that kind and outcome). A kind without a row, or a body that throws, is a ✘ in the matrix.
 */
export function kindIt(kind: string, outcome: KindOutcome, title: string, body: (row: KindRow, world: World) => Promise<KindCell>): void {
  it(`${kind}: ${title}`, async function () {
    try {
      recordKind(kind, outcome, { ...await body(rowOf(kind), await seededWorld()), passed: true });
    } catch (error) {
      const message = String((error as Error)?.message ?? error).split('\n')[0];
      recordKind(kind, outcome, { cell: `failed: ${message.length > 80 ? `${message.slice(0, 77)}…` : message}`, tried: title, times: 0, outcome: message, passed: false });
      throw error;
    }
  });
}
