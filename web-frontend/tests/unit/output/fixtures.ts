/** An output area in a fresh page, and builders for the iopub messages of a cell's run. */
import type { KernelMessage } from '@jupyterlab/services';
import { OutputArea } from '../../../src/output';

/** A new OutputArea on a host in an otherwise empty document. */
export function mountArea(): { host: HTMLElement; area: OutputArea } {
  document.body.replaceChildren();
  const host = document.createElement('div');
  document.body.append(host);
  return { host, area: new OutputArea(host) };
}

let sequence = 0;

export function iopub(
  msgType: KernelMessage.IOPubMessageType,
  content: object,
): KernelMessage.IIOPubMessage {
  sequence++;
  return {
    channel: 'iopub',
    header: {
      msg_id: `msg-${sequence}`,
      msg_type: msgType,
      session: 'session',
      username: 'student',
      date: '2025-01-01T00:00:00Z',
      version: '5.3',
    },
    parent_header: {},
    metadata: {},
    content,
  } as KernelMessage.IIOPubMessage;
}

export const stream = (name: 'stdout' | 'stderr', text: string) => iopub('stream', { name, text });

export const display = (data: object, displayId?: string, metadata: object = {}) =>
  iopub('display_data', { data, metadata, transient: displayId ? { display_id: displayId } : {} });

export const updateDisplay = (data: object, displayId: string) =>
  iopub('update_display_data', { data, metadata: {}, transient: { display_id: displayId } });

export const result = (data: object, executionCount: number) =>
  iopub('execute_result', { data, metadata: {}, execution_count: executionCount });

export const error = (ename: string, evalue: string, traceback: string[]) =>
  iopub('error', { ename, evalue, traceback });

export const clearOutput = (wait: boolean) => iopub('clear_output', { wait });
