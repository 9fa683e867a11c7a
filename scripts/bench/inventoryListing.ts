// What reading an S3 Inventory report saves: the live listing of the same bucket, one ListObjectsV2 request of
// 1,000 keys after the other. Measured here: the time of one page through the SDK against the synthetic listing server
// (s3ListServer.ts, 127.0.0.1: no network, so the floor of a request); the report then projects it, and S3's own
// 20 ms and 100 ms a request, onto buckets of 10 million and a billion keys.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { stats, type Stats } from './measure';
import { cpuSecondsOf } from './processCpu';
import { SYNTHETIC } from './s3ListData';

export interface ListPageFigures {
  /** Milliseconds of one ListObjectsV2 request of 1,000 keys (SDK send to parsed answer). */
  readonly pageMs: Stats;
  readonly pages: number;
  readonly bucket: string;
  /** CPU milliseconds a request, on average: this process's (the SDK: signing, sending, parsing 1,000 keys of XML) and the server's. */
  readonly clientCpuMs: number;
  readonly serverCpuMs: number;
}

/**
 * Every page of the 100,000-key synthetic bucket, `passes` times after a warm-up pass, each request timed; the CPU time
 * of this process and of the server (`serverPid`) over the timed passes.
 */
export async function measureListPage(endpoint: string, serverPid: number, passes: number): Promise<ListPageFigures> {
  const { bucket } = SYNTHETIC['100k'];
  const client = new S3Client({
    endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
  });
  const times: number[] = [];
  let cpu = process.cpuUsage();
  let server = cpuSecondsOf(serverPid);
  try {
    for (let pass = 0; pass <= passes; pass++) {
      if (pass === 1) {
        cpu = process.cpuUsage();
        server = cpuSecondsOf(serverPid);
      }
      let token: string | undefined;
      do {
        const started = performance.now();
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000, ContinuationToken: token }));
        if (pass > 0) {
          times.push(performance.now() - started);
        }
        token = page.NextContinuationToken;
      } while (token);
    }
  } finally {
    client.destroy();
  }
  const used = process.cpuUsage(cpu);
  return {
    pageMs: stats(times), pages: times.length, bucket,
    clientCpuMs: (used.user + used.system) / 1000 / times.length, serverCpuMs: ((cpuSecondsOf(serverPid) - server) * 1000) / times.length,
  };
}
