import { startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { AwsSession } from '../../src/core/aws/session';
const endpointUrl = process.env.AWS_ENDPOINT_URL!;
const session = new AwsSession({ profile: 'default', profileExplicit: false, region: 'us-east-1', regionSource: 'setting', endpointUrl, endpointSource: 'setting', retryMode: 'standard', maxAttempts: 3 });
const gc = (globalThis as { gc?: () => void }).gc!;
void (async () => {
  await startExport(session, { target: { profile: 'default', profileExplicit: false, region: 'us-east-1', endpointUrl }, list: { kind: 's3.objects', params: { bucket: process.argv[2], prefix: '', delimiter: '' } }, pageSize: 1000, format: 'jsonl', outputPath: '/tmp/heap.jsonl' }, {
    store: new FileCheckpointStore('/tmp/heapstore'), parallelism: Number(process.argv[3] ?? 1),
    onProgress: (p) => { if (p.pagesWritten % 20 === 0) { gc(); console.log(p.pagesWritten, (process.memoryUsage().heapUsed / 1e6).toFixed(1), 'MB heap', (process.memoryUsage().rss / 1e6).toFixed(0), 'rss'); } },
  });
  gc(); console.log('end', (process.memoryUsage().heapUsed / 1e6).toFixed(1));
  session.dispose();
})();
