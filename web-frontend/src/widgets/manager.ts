/**
 * The notebook's widget manager: base-manager's ManagerBase over the notebook's kernel connection,
 * with the models and views of @jupyter-widgets/base and /controls, Jotter's Output widget and
 * sandboxed HTML views. Loaded in its own chunk (index.ts loads it on the first widget).
 */
import '@jupyter-widgets/controls/css/widgets.css';
import './widgets.css';
import * as base from '@jupyter-widgets/base';
import { ManagerBase } from '@jupyter-widgets/base-manager';
import * as controls from '@jupyter-widgets/controls';
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type { JSONObject, JSONValue } from '@lumino/coreutils';
import { Widget } from '@lumino/widgets';
import type { WidgetViewData } from '../output/widget-view';
import { SandboxedHTMLView } from './html';
import { OUTPUT_MODULE, OutputModel, OutputView } from './output';

export const WIDGET_TARGET = 'jupyter.widget';

/** Where output caused by a view's message goes (a click handler's print): the cell showing it. */
export type CellOutput = (cellId: string, message: KernelMessage.IIOPubMessage) => void;

const GONE = 'This widget is no longer live (its kernel stopped, or the widget was closed).';

type WidgetClass = typeof base.WidgetModel | typeof base.WidgetView;

/** Views whose controls version would set kernel HTML as innerHTML of the page. */
const SANDBOXED_VIEWS: Record<string, WidgetClass> = {
  HTMLView: SandboxedHTMLView,
  HTMLMathView: SandboxedHTMLView,
};

const MODULES: Record<string, Record<string, unknown>> = {
  '@jupyter-widgets/base': base,
  '@jupyter-widgets/controls': { ...controls, ...SANDBOXED_VIEWS },
  [OUTPUT_MODULE]: { OutputModel, OutputView },
};

/** The cell a view's callbacks are for, so its messages can name the cell (see {@link CellComm}). */
const callbackCells = new WeakMap<base.ICallbacks, string>();

/**
 * A widget's comm whose messages name the cell their view is shown in (`cellId` in the metadata, as execute
 * requests do), so the server saves what the kernel's handler prints below that cell.
 */
class CellComm extends base.shims.services.Comm {
  override send(data: JSONValue, callbacks?: base.ICallbacks, metadata?: JSONObject, buffers?: ArrayBuffer[] | ArrayBufferView[]): string {
    const cellId = callbacks ? callbackCells.get(callbacks) : undefined;
    return super.send(data, callbacks, cellId ? { ...metadata, cellId } : metadata, buffers);
  }
}

export class JotterWidgetManager extends ManagerBase {
  private kernel: Kernel.IKernelConnection | null = null;
  /** Models the kernel had before this page knew it (a reload), asked for once per kernel. */
  private restored: Promise<void> | null = null;
  private readonly modelIds = new Set<string>();

  constructor(private readonly cellOutput: CellOutput) {
    super();
  }

  /** The session's kernel connection changed: the old kernel's models go. */
  setKernel(kernel: Kernel.IKernelConnection | null): void {
    if (kernel === this.kernel) return;
    this.forget();
    this.kernel = kernel;
  }

  /** The kernel restarted or died: its widgets are gone with it. Views show their fallback. */
  forget(): void {
    this.restored = null;
    const ids = [...this.modelIds];
    this.modelIds.clear();
    // As if the kernel closed each comm: there is none left to send comm_close on.
    for (const id of ids) {
      void this.get_model(id).then((model) => model._handle_comm_closed({} as KernelMessage.ICommCloseMsg), () => undefined);
    }
  }

  /** A comm_open on the `jupyter.widget` target. */
  async open(comm: Kernel.IComm, message: KernelMessage.ICommOpenMsg): Promise<void> {
    const model = await this.handle_comm_open(new CellComm(comm), message);
    // A comm_open this page did not cause may be old news: the server replays the runs it has not
    // finished writing to a page that just opened, comm_opens with their first state among them.
    const from = (message.parent_header as Partial<KernelMessage.IHeader>).session;
    if (from !== this.kernel?.clientId) model.comm?.send({ method: 'request_state' }, {});
  }

  /** Shows the model's view in `host`, or calls `missing` when the kernel has no such model. */
  async display(data: WidgetViewData, host: HTMLElement, missing: (why: string) => void): Promise<void> {
    if (!this.live(data.model_id) && this.kernel) {
      this.restored ??= this._loadFromKernelModels().catch(() => undefined);
      await this.restored;
    }
    if (!this.live(data.model_id)) {
      missing(GONE);
      return;
    }
    try {
      const model = await this.get_model(data.model_id);
      const view = await this.create_view(model);
      host.replaceChildren();
      Widget.attach(view.luminoWidget, host);
      view.once('remove', () => missing(GONE));
    } catch (error) {
      missing(`This widget could not be shown: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Known, and not closed or forgotten (ManagerBase drops a model only once its close is handled). */
  private live(modelId: string): boolean {
    return this.modelIds.has(modelId) && this.has_model(modelId);
  }

  override register_model(model_id: string, modelPromise: Promise<base.WidgetModel>): void {
    this.modelIds.add(model_id);
    super.register_model(model_id, modelPromise);
  }

  /** Output from messages a view sends (a click, a new value) goes to the cell it is shown in. */
  override callbacks(view?: base.WidgetView): base.ICallbacks {
    const el = (view as base.DOMWidgetView | undefined)?.el;
    const cellId = el?.closest<HTMLElement>('.cell[data-id]')?.dataset.id;
    if (!cellId) return {};
    const callbacks: base.ICallbacks = { iopub: { output: (message) => this.cellOutput(cellId, message) } };
    callbackCells.set(callbacks, cellId);
    return callbacks;
  }

  /** Descriptions with `description_allow_html` show as text: kernel HTML runs only in frames. */
  override inline_sanitize(source: string): string {
    const element = document.createElement('div');
    element.textContent = source;
    return element.innerHTML;
  }

  protected async loadClass(className: string, moduleName: string, moduleVersion: string): Promise<WidgetClass> {
    const found = MODULES[moduleName]?.[className];
    if (typeof found !== 'function') {
      throw new Error(`Jotter has no widget ${className} from ${moduleName} ${moduleVersion}`);
    }
    return found as WidgetClass;
  }

  protected async _create_comm(
    target: string,
    modelId?: string,
    data?: JSONObject,
    metadata?: JSONObject,
    buffers?: ArrayBuffer[] | ArrayBufferView[],
  ): Promise<base.IClassicComm> {
    const kernel = this.kernel;
    if (!kernel) throw new Error('No kernel');
    const comm = kernel.createComm(target, modelId);
    if (data || metadata) comm.open(data ?? {}, metadata, buffers);
    return new CellComm(comm);
  }

  /** The kernel's widget comms this page does not have yet. */
  protected async _get_comm_info(): Promise<Record<string, unknown>> {
    const kernel = this.kernel;
    if (!kernel) return {};
    const reply = await kernel.requestCommInfo({ target_name: WIDGET_TARGET });
    if (reply.content.status !== 'ok') return {};
    // A comm this connection already holds is one whose comm_open is being handled now.
    return Object.fromEntries(Object.entries(reply.content.comms).filter(([id]) => !kernel.hasComm(id)));
  }
}
