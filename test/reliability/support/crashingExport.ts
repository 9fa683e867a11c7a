// A child process for the interrupted-write tests: the real exporter and checkpoint store, with the process killing
// itself (SIGKILL) at one exact moment that a random kill only hits by chance. It uses the CLI's state layout and
// list parsing, so the real `paged-aws-export` command resumes what it leaves behind.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { resolveConnection } from '../../../src/core/aws/connection';
import { AwsSession } from '../../../src/core/aws/session';
import { listingTarget, type Checkpoint, type CheckpointStore } from '../../../src/core/export/checkpoint';
import { startExport } from '../../../src/core/export/exporter';
import { FileCheckpointStore } from '../../../src/core/export/fileCheckpointStore';
import { type ExportFormat } from '../../../src/core/records/formats';
import { parseListArgument } from '../../../src/cli/listArgument';

export interface CrashPlan {
  /** An `s3://bucket/prefix/` argument, as the CLI takes it. */
  readonly list: string;
  readonly outputPath: string;
  readonly format: ExportFormat;
  readonly pageSize: number;
  /** The CLI's --state-dir: checkpoints go to `<stateDir>/exports`. */
  readonly stateDir: string;
  /**
   * `afterPageBeforeCheckpoint`: page `atPage` is written and synced, its checkpoint never saved.
   * `midCheckpointWrite`: the checkpoint of page `atPage` is half written to its temporary file.
   */
  readonly crash: 'afterPageBeforeCheckpoint' | 'midCheckpointWrite';
  readonly atPage: number;
}

async function main(plan: CrashPlan): Promise<void> {
  const connection = await resolveConnection({}, process.env);
  const session = new AwsSession(connection);
  const directory = path.join(plan.stateDir, 'exports');
  const real = new FileCheckpointStore(directory);
  const store: CheckpointStore = {
    load: (id) => real.load(id),
    delete: (id) => real.delete(id),
    list: () => real.list(),
    save: async (checkpoint: Checkpoint) => {
      if (checkpoint.pagesWritten === plan.atPage) {
        if (plan.crash === 'midCheckpointWrite') {
          // What FileCheckpointStore.save has on disk when the process dies inside its write.
          const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
          await fs.writeFile(path.join(directory, `${checkpoint.id}.json.${process.pid}.0badf00d.tmp`), text.slice(0, text.length >> 1));
        }
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => undefined);
      }
      await real.save(checkpoint);
    },
  };
  const job = {
    target: listingTarget(connection), list: parseListArgument(plan.list, false).list,
    outputPath: plan.outputPath, format: plan.format, pageSize: plan.pageSize,
  };
  await startExport(session, job, { store });
  session.dispose();
}

void main(JSON.parse(process.argv[2]) as CrashPlan).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
