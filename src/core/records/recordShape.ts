import { type AwsClients, type SendOptions } from '../aws/clients';
import { type Params } from '../lists';
import { type ExportFormat, type RecordShape } from './formats';

// A list kind's records facet: the shape its items take in an exported file (formats.ts, beside this file, writes
// them). Most kinds give their columns and let each item's `record` be written as it is.

/** A way a kind's records can be written (DynamoDB's own typed JSON, or plain JSON); the first is the default. */
export interface ExportStyle {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

export interface ListRecords {
  /** Columns of the exported records, in a stable order. */
  readonly columns: readonly string[];
  /** Ways of writing the records, when there is more than one; the first is the default. */
  readonly exportStyles?: readonly ExportStyle[];
  /**
   * The records' shape in a format and style, where it is not `columns` and each item's `record` (DynamoDB: the
   * table's key attributes as CSV columns, asked of the service once).
   */
  exportShape?(clients: AwsClients, params: Params, how: { readonly format: ExportFormat; readonly style?: string }, send: SendOptions): Promise<RecordShape>;
}

/** The shape of a list's records in a format and style: its kind's own, else its columns and each item's record. */
export async function recordShape(
  clients: AwsClients, records: ListRecords, params: Params, how: { readonly format: ExportFormat; readonly style?: string }, signal?: AbortSignal,
): Promise<RecordShape> {
  if (!records.exportShape) {
    return { columns: records.columns };
  }
  return records.exportShape(clients, params, how, { abortSignal: signal });
}
