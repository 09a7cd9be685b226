import { ServerConnection, type Kernel, type KernelMessage, type Session } from '@jupyterlab/services';
import { onTokenRenewed } from '../api/auth';
import { serverSettings, sessions } from '../api/connection';

export const KERNEL_NAME = 'jotter-java';

/** What a cell's run reports back to the notebook view. */
export interface RunCallbacks {
  onIOPub(message: KernelMessage.IIOPubMessage): void;
  onInput(request: KernelMessage.IInputRequestMsg, reply: (value: string) => void): void;
  onStart(executionCount: number | null): void;
  onDone(reply: KernelMessage.IExecuteReplyMsg['content'] | null): void;
}

export type KernelState = Kernel.Status | 'no kernel';

/**
 * The notebook's kernel: its Jupyter session (one per notebook path, reused when the notebook is
 * opened again), runs of cells with their `cellId` so the server stores their outputs, and the
 * states the toolbar and the reconnect banner show. When the socket drops, @jupyterlab/services
 * reconnects with the same session_id and the server replays what was missed to the runs still
 * waiting; once its own retries run out, this keeps trying every few seconds.
 */
export class NotebookKernel {
  private session: Session.ISessionConnection | null = null;
  private connecting: Promise<void> | null = null;
  private retry: number | undefined;
  onStatus: ((status: KernelState) => void) | null = null;
  onConnection: ((status: Kernel.ConnectionStatus) => void) | null = null;
  /**
   * Output of a cell that another tab (or one since closed) runs: the server names the cell in the
   * message's metadata. This tab's own runs come through {@link run}'s callbacks instead.
   */
  onOtherRun: ((cellId: string, message: KernelMessage.IIOPubMessage) => void) | null = null;
  /**
   * A line from the server itself (`Jotter: ...` on stderr, answering no request): a runtime about to
   * be stopped, or stopped, and why.
   */
  onNotice: ((text: string) => void) | null = null;
  /** The session moved to another kernel (a new runtime type). */
  onKernelChanged: (() => void) | null = null;
  /** The kernel connection now, whenever it changes (joined, moved, forgotten): for its comm targets. */
  onKernelConnection: ((kernel: Kernel.IKernelConnection | null) => void) | null = null;

  private readonly stopRenewing: () => void;

  constructor(private path: string) {
    this.stopRenewing = onTokenRenewed(() => void this.renewSocket());
  }

  /** The renewed access token now stands for this page's kernel socket too (accounts only). */
  private async renewSocket(): Promise<void> {
    const kernel = this.kernel;
    if (!kernel || kernel.connectionStatus !== 'connected') return;
    const body = JSON.stringify({ kernel_id: kernel.id, session_id: kernel.clientId });
    // If it fails, the socket closes when the old token expires and reconnects with the new one.
    await ServerConnection.makeRequest(`${serverSettings.baseUrl}api/jotter/sockets/renew`, { method: 'POST', body }, serverSettings).catch(() => undefined);
  }

  get kernel(): Kernel.IKernelConnection | null {
    return this.session?.kernel ?? null;
  }

  get sessionModel(): Session.ISessionConnection | null {
    return this.session;
  }

  /** Joins the notebook's session if the server has one, else starts one with a Java kernel. */
  connect(): Promise<void> {
    if (this.session && !this.session.isDisposed) return Promise.resolve();
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    const existing = await sessions.findByPath(this.path);
    // A session whose kernel the server stopped (its runtime ended) has none: start a new one instead.
    this.attach(
      existing?.kernel
        ? sessions.connectTo({ model: existing })
        : await sessions.startNew({
            path: this.path,
            type: 'notebook',
            name: this.path.split('/').pop() ?? this.path,
            kernel: { name: KERNEL_NAME },
          }),
    );
  }

  /**
   * Moves the notebook's session to the running kernel `kernelId` (a runtime just started for it) and
   * stops the kernel it had, as Colab does when the runtime type changes: that kernel's state is lost.
   */
  async switchTo(kernelId: string): Promise<void> {
    if (!this.session || this.session.isDisposed) {
      this.attach(await sessions.startNew({
        path: this.path,
        type: 'notebook',
        name: this.path.split('/').pop() ?? this.path,
        kernel: { id: kernelId },
      } as Session.ISessionOptions));
      return;
    }
    const old = this.kernel?.id;
    await this.session.changeKernel({ id: kernelId });
    if (old && old !== kernelId) await stopKernel(old);
  }

  /** Forgets the session after the server stopped its kernel: no reconnecting to a kernel that is gone. */
  forget(): void {
    this.detach();
  }

  /** Stops the kernel and ends the session: the runtime goes back (variables are lost). */
  async disconnect(): Promise<void> {
    const session = this.session;
    this.detach();
    if (session) await session.shutdown();
  }

  /** Forgets the session without stopping it (leaving the page). */
  dispose(): void {
    this.stopRenewing();
    this.detach();
  }

  rename(path: string): void {
    this.path = path;
    void this.session?.setPath(path);
  }

  async interrupt(): Promise<void> {
    await this.kernel?.interrupt();
  }

  async restart(): Promise<void> {
    await this.kernel?.restart();
  }

  run(cellId: string, code: string, callbacks: RunCallbacks): void {
    const kernel = this.kernel;
    if (!kernel) {
      // Run before the kernel is there (the page just opened): it runs once the kernel is, as in Jupyter.
      if (this.connecting) {
        this.connecting.then(
          () => this.run(cellId, code, callbacks),
          () => callbacks.onDone(null),
        );
      } else {
        callbacks.onDone(null);
      }
      return;
    }
    const future = kernel.requestExecute(
      { code, stop_on_error: true, allow_stdin: true, store_history: true, silent: false },
      true,
      { cellId },
    );
    future.onIOPub = (message) => {
      if (message.header.msg_type === 'execute_input') {
        callbacks.onStart((message.content as KernelMessage.IExecuteInputMsg['content']).execution_count);
      } else if (message.header.msg_type !== 'status') {
        callbacks.onIOPub(message);
      }
    };
    future.onStdin = (message) => {
      if (message.header.msg_type !== 'input_request') return;
      const request = message as KernelMessage.IInputRequestMsg;
      callbacks.onInput(request, (value) =>
        future.sendInputReply({ status: 'ok', value }, request.header as KernelMessage.IInputReplyMsg['parent_header']),
      );
    };
    future.done.then(
      (reply) => callbacks.onDone(reply.content),
      () => callbacks.onDone(null),
    );
  }

  async complete(code: string, cursor: number): Promise<KernelMessage.ICompleteReplyMsg['content'] | null> {
    const kernel = this.kernel;
    if (!kernel || kernel.connectionStatus !== 'connected') return null;
    return (await kernel.requestComplete({ code, cursor_pos: cursor })).content;
  }

  async inspect(code: string, cursor: number): Promise<KernelMessage.IInspectReplyMsg['content'] | null> {
    const kernel = this.kernel;
    if (!kernel || kernel.connectionStatus !== 'connected') return null;
    return (await kernel.requestInspect({ code, cursor_pos: cursor, detail_level: 0 })).content;
  }

  private attach(session: Session.ISessionConnection): void {
    this.session = session;
    session.statusChanged.connect((_, status) => this.onStatus?.(status));
    session.connectionStatusChanged.connect((_, status) => this.connectionChanged(status));
    session.kernelChanged.connect(() => {
      this.onStatus?.(session.kernel?.status ?? 'no kernel');
      this.onKernelConnection?.(session.kernel);
      this.onKernelChanged?.();
    });
    session.iopubMessage.connect((_, message) => {
      const notice = serverNotice(message);
      if (notice !== null) this.onNotice?.(notice);
      const cellId = (message.metadata as { cellId?: unknown }).cellId;
      const from = (message.parent_header as { session?: string }).session;
      if (typeof cellId === 'string' && from !== session.kernel?.clientId) this.onOtherRun?.(cellId, message);
    });
    this.onStatus?.(session.kernel?.status ?? 'unknown');
    this.onConnection?.(session.kernel?.connectionStatus ?? 'connecting');
    this.onKernelConnection?.(session.kernel);
  }

  private detach(): void {
    window.clearTimeout(this.retry);
    this.session?.dispose();
    this.session = null;
    this.onStatus?.('no kernel');
    this.onKernelConnection?.(null);
  }

  private connectionChanged(status: Kernel.ConnectionStatus): void {
    this.onConnection?.(status);
    window.clearTimeout(this.retry);
    if (status === 'disconnected' && this.kernel && !this.kernel.isDisposed) {
      // The library gave up after its own retries: the network may come back later, so keep trying.
      this.retry = window.setTimeout(() => void this.kernel?.reconnect().catch(() => undefined), 5000);
    }
  }
}

/** The text of a notice from Jotter's server (stderr, no parent, starting `Jotter:`), else null. */
export function serverNotice(message: KernelMessage.IIOPubMessage): string | null {
  if (message.header.msg_type !== 'stream') return null;
  if ((message.parent_header as { msg_id?: string }).msg_id) return null;
  const content = message.content as KernelMessage.IStreamMsg['content'];
  return content.name === 'stderr' && content.text.startsWith('Jotter:') ? content.text.trim() : null;
}

async function stopKernel(id: string): Promise<void> {
  const url = `${serverSettings.baseUrl}api/kernels/${encodeURIComponent(id)}`;
  // The new runtime runs already: an old kernel that will not stop is the idle culler's to end.
  await ServerConnection.makeRequest(url, { method: 'DELETE' }, serverSettings).catch(() => undefined);
}
