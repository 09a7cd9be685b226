/** A fake kernel connection that speaks the comm side of the Jupyter widgets protocol. */
import type { Kernel, KernelMessage } from '@jupyterlab/services';

/** What a comm sent, and a way to answer it as the kernel. */
export interface FakeComm {
  readonly commId: string;
  readonly targetName: string;
  readonly sent: { data: unknown; metadata: unknown; future: FakeFuture }[];
  opened: unknown;
  onMsg: ((message: KernelMessage.ICommMsgMsg) => void) | null;
  onClose: ((message: KernelMessage.ICommCloseMsg) => void) | null;
  /** The kernel sends a comm_msg on this comm. */
  receive(data: object, parentMsgId?: string): void;
}

interface FakeFuture {
  msg: { header: { msg_id: string } };
  onIOPub: ((message: KernelMessage.IIOPubMessage) => void) | null;
  onReply: unknown;
  onStdin: unknown;
}

let sequence = 0;

function future(): FakeFuture {
  return { msg: { header: { msg_id: `m${++sequence}` } }, onIOPub: null, onReply: null, onStdin: null };
}

export function fakeComm(commId: string, targetName = 'jupyter.widget'): FakeComm & Kernel.IComm {
  const comm = {
    commId,
    targetName,
    sent: [] as FakeComm['sent'],
    opened: undefined as unknown,
    onMsg: null as FakeComm['onMsg'],
    onClose: null as FakeComm['onClose'],
    isDisposed: false,
    open(data: unknown) {
      comm.opened = data;
      return future();
    },
    send(data: unknown, metadata?: unknown) {
      const sent = future();
      comm.sent.push({ data, metadata, future: sent });
      return sent;
    },
    close() {
      return future();
    },
    dispose() {
      comm.isDisposed = true;
    },
    receive(data: object, parentMsgId = '') {
      comm.onMsg?.({
        header: { msg_id: `k${++sequence}`, msg_type: 'comm_msg' },
        parent_header: { msg_id: parentMsgId },
        content: { comm_id: commId, data },
        metadata: {},
        buffers: [],
      } as unknown as KernelMessage.ICommMsgMsg);
    },
  };
  return comm as unknown as FakeComm & Kernel.IComm;
}

/** The state of a model as the kernel sends it: layouts and styles have base's views, as in ipywidgets. */
export function modelState(name: string, module: string, version: string, state: object = {}): Record<string, unknown> {
  const baseView = name === 'LayoutModel' ? 'LayoutView' : name.endsWith('StyleModel') ? 'StyleView' : null;
  return {
    _model_name: name,
    _model_module: module,
    _model_module_version: version,
    _view_name: baseView ?? name.replace(/Model$/, 'View'),
    _view_module: baseView ? '@jupyter-widgets/base' : module,
    _view_module_version: baseView ? '2.0.0' : version,
    ...state,
  };
}

export function commOpen(commId: string, state: Record<string, unknown>): KernelMessage.ICommOpenMsg {
  return {
    header: { msg_id: `open-${commId}`, msg_type: 'comm_open' },
    parent_header: {},
    metadata: { version: '2.1.0' },
    content: { comm_id: commId, target_name: 'jupyter.widget', data: { state, buffer_paths: [] } },
    buffers: [],
    channel: 'iopub',
  } as unknown as KernelMessage.ICommOpenMsg;
}

/** A kernel whose comms the test holds; `comms` is what comm_info answers. */
export function fakeKernel(comms: Record<string, { target_name: string }> = {}) {
  const created = new Map<string, FakeComm & Kernel.IComm>();
  const kernel = {
    created,
    comms,
    createComm(target: string, id: string) {
      const comm = fakeComm(id, target);
      created.set(id, comm);
      return comm;
    },
    hasComm(id: string) {
      return created.has(id);
    },
    async requestCommInfo() {
      return { content: { status: 'ok', comms: kernel.comms } };
    },
  };
  return kernel as typeof kernel & Kernel.IKernelConnection;
}

export const CONTROLS = '@jupyter-widgets/controls';
export const BASE = '@jupyter-widgets/base';

export const layout = (id: string) => commOpen(id, modelState('LayoutModel', BASE, '2.0.0'));

/** Waits for the promises widgets chain (views render over several turns). */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
