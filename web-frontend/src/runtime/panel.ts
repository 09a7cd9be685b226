import type { Kernel } from '@jupyterlab/services';
import { kernelspecs } from '../api/connection';
import type { KernelState, NotebookKernel } from '../kernel/session';
import { errorText, h } from '../ui/dom';

/**
 * The runtime panel: which kernel and runtime the notebook is connected to, and connect, disconnect
 * and restart. Choosing a GPU or TPU runtime comes later; its place is the "Runtime type" row.
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
  ) {
    const type = h('select', { disabled: '', title: 'GPU and TPU runtimes arrive later' }, h('option', {}, 'CPU'));
    this.element.append(
      h('header', {}, h('h2', {}, 'Runtime'), h('button', { class: 'close', title: 'Close', onclick: () => this.toggle(false) }, '×')),
      this.rows,
      h('label', { class: 'runtime-type' }, 'Runtime type ', type),
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
    const row = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
    this.rows.replaceChildren(
      ...row('Kernel', display),
      ...row('Runtime', kernel ? 'CPU, on this server' : 'not connected'),
      ...row('State', `${this.status}${kernel ? ` (${this.connection})` : ''}`),
      ...row('Kernel id', kernel?.id ?? '—'),
      ...row('Session', session?.id ?? '—'),
    );
  }
}
