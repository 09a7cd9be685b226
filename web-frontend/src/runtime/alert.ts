import { usageUrl } from '../routes';
import { h } from '../ui/dom';

export const WARNING_PREFIX = 'Jotter: this runtime will stop within';
export const STOPPED_PREFIX = 'Jotter: the kernel was stopped:';

/** The server's notice as a sentence for the user: without the `Jotter:` tag, capitalised. */
export function noticeSentence(text: string): string {
  const body = text.replace(/^Jotter:\s*/, '').trim();
  return body.charAt(0).toUpperCase() + body.slice(1);
}

/**
 * The notebook page's alert about its runtime: a warning that the server will stop it soon (the
 * notebook is saved at once), or that it stopped and why. Above the cells, not inside one: it
 * concerns the whole notebook, and must not scroll away.
 */
export class RuntimeAlert {
  readonly element = h('div', { class: 'runtime-alert', role: 'alert', hidden: '' });

  constructor(
    private readonly save: () => Promise<void>,
    private readonly reconnect: () => void,
  ) {}

  /** Handles a notice from the server; says which kind it was. */
  notice(text: string): 'warning' | 'stopped' | null {
    if (text.startsWith(WARNING_PREFIX)) {
      this.show('warning', noticeSentence(text), 'Saving the notebook…');
      void this.saved();
      return 'warning';
    }
    if (text.startsWith(STOPPED_PREFIX)) {
      this.show('stopped', `The runtime was stopped: ${text.slice(STOPPED_PREFIX.length).trim().replace(/\.$/, '')}.`, 'Saving the notebook…',
        h('button', { onclick: () => (this.hide(), this.reconnect()) }, 'Connect to a new runtime'));
      void this.saved();
      return 'stopped';
    }
    return null;
  }

  /** The notebook could not get a runtime: the server's reason, and a way to try again. */
  failed(reason: string): void {
    this.show('stopped', `No runtime: ${reason}`, '', h('button', { onclick: () => (this.hide(), this.reconnect()) }, 'Try again'));
  }

  hide(): void {
    this.element.hidden = true;
  }

  private show(kind: 'warning' | 'stopped', message: string, saving: string, ...actions: Node[]): void {
    this.element.dataset.kind = kind;
    this.element.hidden = false;
    this.element.replaceChildren(
      h('strong', { class: 'runtime-alert-message' }, message),
      h('span', { class: 'runtime-alert-save' }, saving),
      ...actions,
      h('a', { href: usageUrl() }, 'Usage and limits'),
      h('button', { class: 'close', title: 'Dismiss', 'aria-label': 'Dismiss', onclick: () => this.hide() }, '×'),
    );
  }

  private async saved(): Promise<void> {
    const line = this.element.querySelector('.runtime-alert-save')!;
    try {
      await this.save();
      line.textContent = 'The notebook is saved.';
    } catch {
      line.textContent = 'Could not save the notebook: see the save state at the top.';
    }
  }
}
