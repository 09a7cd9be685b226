/**
 * Jupyter interactive widgets in the notebook, with the real widget front end (@jupyter-widgets/base,
 * /controls and a ManagerBase of ours, in manager.ts). This part is small and always loaded: it
 * registers the `jupyter.widget` comm target on the notebook's kernel and plugs widget outputs into
 * the output module; the manager and the widget libraries load in their own chunk with the first widget.
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import { setWidgetDisplay } from '../output';
import type { CellOutput, JotterWidgetManager } from './manager';

const WIDGET_TARGET = 'jupyter.widget';

const GONE_STATUSES: ReadonlySet<Kernel.Status> = new Set(['restarting', 'autorestarting', 'dead']);

export class NotebookWidgets {
  private kernel: Kernel.IKernelConnection | null = null;
  private manager: Promise<JotterWidgetManager> | null = null;
  /** Saved widget outputs wait until the page knows whether it has a kernel. */
  private kernelKnown: () => void = () => undefined;
  private readonly known = new Promise<void>((resolve) => (this.kernelKnown = resolve));

  private readonly openComm = async (comm: Kernel.IComm, message: KernelMessage.ICommOpenMsg) =>
    (await this.load()).open(comm, message);

  private readonly statusChanged = (_: Kernel.IKernelConnection, status: Kernel.Status) => {
    if (GONE_STATUSES.has(status)) void this.manager?.then((manager) => manager.forget());
  };

  /** `cellOutput` takes output that widgets' messages caused, for the cell the widget is in. */
  constructor(private readonly cellOutput: CellOutput) {
    setWidgetDisplay((view, host, missing) => {
      void this.known
        .then(() => this.load())
        .then(
          (manager) => manager.display(view, host, missing),
          () => missing('Interactive widgets could not be loaded.'),
        );
    });
  }

  /** The notebook's kernel connection now (null: none). */
  setKernel(kernel: Kernel.IKernelConnection | null): void {
    this.kernelKnown();
    if (kernel === this.kernel) return;
    if (this.kernel && !this.kernel.isDisposed) {
      this.kernel.removeCommTarget(WIDGET_TARGET, this.openComm);
      this.kernel.statusChanged.disconnect(this.statusChanged);
    }
    this.kernel = kernel;
    kernel?.registerCommTarget(WIDGET_TARGET, this.openComm);
    kernel?.statusChanged.connect(this.statusChanged);
    void this.manager?.then((manager) => manager.setKernel(kernel));
  }

  dispose(): void {
    this.setKernel(null);
    setWidgetDisplay(null);
  }

  private load(): Promise<JotterWidgetManager> {
    this.manager ??= import('./manager').then(({ JotterWidgetManager }) => {
      const manager = new JotterWidgetManager(this.cellOutput);
      manager.setKernel(this.kernel);
      return manager;
    });
    return this.manager;
  }
}
