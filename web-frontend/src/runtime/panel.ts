import type { Kernel } from '@jupyterlab/services';
import { kernelspecs } from '../api/connection';
import type { KernelState, NotebookKernel } from '../kernel/session';
import { errorText, h } from '../ui/dom';
import type { CurrentRuntime } from './current';
import { at, units } from './words';

/**
 * The runtime panel: which kernel and runtime the notebook is connected to (its type, what it has
 * cost so far, when it will be stopped), and connect, disconnect, restart and "Change runtime type".
 */
export class RuntimePanel {
  readonly element = h('aside', { class: 'runtime-panel', hidden: '' });
  private readonly rows = h('dl');
  private readonly message = h('p', { class: 'runtime-message' });
  private status: KernelState = 'no kernel';
  private connection: Kernel.ConnectionStatus = 'disconnected';

  constructor(
    private readonly kernel: NotebookKernel,
    private readonly restart: () => void,
    private readonly current: CurrentRuntime,
    private readonly changeType: () => void,
  ) {
    this.element.append(
      h('header', {}, h('h2', {}, 'Runtime'), h('button', { class: 'close', title: 'Close', onclick: () => this.toggle(false) }, '×')),
      this.rows,
      h('button', { class: 'change-runtime-type', onclick: () => this.changeType() }, 'Change runtime type'),
      h(
        'div',
        { class: 'runtime-actions' },
        h('button', { onclick: () => void this.act('Connecting…', () => this.kernel.connect()) }, 'Connect'),
        h('button', { onclick: () => void this.act('Disconnecting…', () => this.kernel.disconnect()) }, 'Disconnect'),
        h('button', { onclick: () => this.restart() }, 'Restart'),
      ),
      this.message,
    );
  }

  toggle(open = this.element.hidden): void {
    this.element.hidden = !open;
    if (open) void this.update();
  }

  kernelStatus(status: KernelState): void {
    this.status = status;
    if (!this.element.hidden) void this.update();
  }

  connectionStatus(status: Kernel.ConnectionStatus): void {
    this.connection = status;
    if (!this.element.hidden) void this.update();
  }

  private async act(doing: string, action: () => Promise<void>): Promise<void> {
    this.message.textContent = doing;
    try {
      await action();
      this.message.textContent = '';
    } catch (error) {
      this.message.textContent = errorText(error);
    }
    void this.update();
  }

  private async update(): Promise<void> {
    const kernel = this.kernel.kernel;
    const session = this.kernel.sessionModel;
    let display = kernel?.name ?? '—';
    if (kernel) {
      try {
        await kernelspecs.ready;
        display = kernelspecs.specs?.kernelspecs[kernel.name]?.display_name ?? display;
      } catch {
        // The spec's display name is a nicety.
      }
    }
    try {
      await this.current.refresh(kernel?.id ?? null);
    } catch {
      // The runtime's record is a nicety here; the header says when it cannot be read.
    }
    const runtime = this.current.info.runtime;
    const row = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
    this.rows.replaceChildren(
      ...row('Kernel', display),
      ...row('Runtime type', kernel ? this.current.label || 'unknown' : 'not connected'),
      ...(runtime ? [
        // A tier that counts hours (free, course) meters no units: say so rather than show a price of 0.
        ...row('Cost', Number(runtime.units_per_hour) > 0
          ? `${units(runtime.units_per_hour)} units/h; ${units(runtime.units_so_far)} so far`
          : 'no compute units: your tier counts GPU/TPU hours (see Usage)'),
        ...row('Stops by', runtime.stop_by ? at(runtime.stop_by) : '—'),
      ] : []),
      ...row('State', `${this.status}${kernel ? ` (${this.connection})` : ''}`),
      ...row('Kernel id', kernel?.id ?? '—'),
      ...row('Session', session?.id ?? '—'),
    );
  }
}
