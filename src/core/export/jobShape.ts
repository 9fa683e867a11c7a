import { type AwsClients } from '../aws/clients';
import { type RecordShape } from '../records/formats';
import { recordShape } from '../records/recordShape';
import { kindOf } from '../services/registry';
import { type ExportJob } from './checkpoint';

/** The shape of a job's records: its kind's own for the job's format and style, else the kind's columns. */
export function jobShape(clients: AwsClients, job: Pick<ExportJob, 'list' | 'format' | 'style'>, signal?: AbortSignal): Promise<RecordShape> {
  return recordShape(clients, kindOf(job.list), job.list.params, { format: job.format, style: job.style }, signal);
}
