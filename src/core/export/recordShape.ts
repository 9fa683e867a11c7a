import { type AwsClients } from '../aws/clients';
import { type RecordShape } from '../services/kind';
import { kindOf } from '../services/registry';
import { type ExportJob } from './checkpoint';

/** The shape of a job's records: its kind's own for this format and style, else the kind's columns and each item's record. */
export async function recordShape(clients: AwsClients, job: Pick<ExportJob, 'list' | 'format' | 'style'>, signal?: AbortSignal): Promise<RecordShape> {
  const kind = kindOf(job.list);
  if (!kind.exportShape) {
    return { columns: kind.columns };
  }
  return kind.exportShape(clients, job.list.params, { format: job.format, style: job.style }, { abortSignal: signal });
}
