import { JotterError } from '../api/jotter';
import { runtimes, type RuntimeTicket, type RuntimeType } from '../api/runtimes';
import { errorText, h } from '../ui/dom';
import { at, duration, freeNow, kind, memory, units } from './words';

const POLL_MS = 2_000;

/** What the dialog needs of the notebook: its current type, and moving its session to a new kernel. */
export interface RuntimeSwitch {
  currentType(): string | null;
  kernelName(): string;
  switchTo(kernelId: string): Promise<void>;
}

/**
 * "Change runtime type": the types this server has (those outside the user's tier shown, but
 * disabled, with why), a request for the chosen one that may queue, the queue's position and
 * estimated start while it waits, and the move of the notebook's session to the new runtime.
 * Every refusal shows the server's message and what to do, never a bare "cannot connect".
 */
export class ChangeRuntimeTypeDialog {
  private readonly dialog = h('dialog', { class: 'dialog runtime-type-dialog', 'aria-label': 'Change runtime type' });
  private readonly list = h('div', { class: 'runtime-types', role: 'radiogroup' });
  private readonly status = h('div', { class: 'runtime-type-status', role: 'status' });
  private readonly switchButton = h('button', { class: 'primary', onclick: () => void this.choose() }, 'Switch');
  private readonly closeButton = h('button', { onclick: () => this.close() }, 'Close');
  private ticket: RuntimeTicket | null = null;
  private poll: number | undefined;

  constructor(
    private readonly notebook: RuntimeSwitch,
    private readonly onSwitched: (type: string) => void,
  ) {
    this.dialog.append(
      h('h2', {}, 'Change runtime type'),
      h('p', { class: 'note' }, 'Switching starts a new runtime and stops this one: variables and other state are lost. The notebook and its outputs stay.'),
      this.list,
      this.status,
      h('div', { class: 'dialog-buttons' }, this.switchButton, this.closeButton),
    );
    this.dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      this.close();
    });
  }

  async open(): Promise<void> {
    document.body.append(this.dialog);
    this.dialog.showModal();
    this.say('Loading runtime types…');
    try {
      const [types, usage] = await Promise.all([runtimes.types(), runtimes.usage().catch(() => null)]);
      this.showTypes(types, usage?.tier.name ?? null);
      this.say('');
    } catch (error) {
      this.refused(error);
    }
  }

  private showTypes(types: RuntimeType[], tier: string | null): void {
    const current = this.notebook.currentType();
    this.list.replaceChildren(...types.map((type) => {
      const radio = h('input', { type: 'radio', name: 'runtime-type', value: type.name });
      radio.disabled = !type.allowed;
      radio.checked = type.name === current;
      const why = type.allowed ? freeNow(type) : tier ? `not in your ${tier} tier` : 'not in your tier';
      return h('label', { class: `runtime-type-option${type.allowed ? '' : ' disabled'}`, 'data-type': type.name },
        radio,
        h('span', { class: 'name' }, type.display_name, type.name === current ? ' (current)' : ''),
        h('span', { class: 'specs' }, `${kind(type)} · ${memory(type.memory_mib)} · ${units(type.units_per_hour)} units/h`),
        h('span', { class: 'free' }, why));
    }));
    if (types.length === 0) this.list.append(h('p', { class: 'empty' }, 'This server has no runtime types.'));
  }

  private selected(): string | null {
    return this.list.querySelector<HTMLInputElement>('input[name="runtime-type"]:checked')?.value ?? null;
  }

  private async choose(): Promise<void> {
    const type = this.selected();
    if (!type) return this.say('Choose a runtime type first.');
    if (type === this.notebook.currentType()) return this.say('The notebook already runs on this type.');
    this.busy(true);
    this.say('Starting a new runtime…');
    try {
      const outcome = await runtimes.request(type, this.notebook.kernelName());
      if ('started' in outcome) await this.switchTo(outcome.started.id, type);
      else this.wait(outcome.queued);
    } catch (error) {
      this.refused(error);
      this.busy(false);
    }
  }

  private wait(ticket: RuntimeTicket): void {
    this.ticket = ticket;
    this.showTicket(ticket);
    this.switchButton.hidden = true;
    this.closeButton.textContent = 'Cancel request';
    this.poll = window.setTimeout(() => void this.check(), POLL_MS);
  }

  private async check(): Promise<void> {
    const waiting = this.ticket;
    if (!waiting) return;
    try {
      const ticket = await runtimes.ticket(waiting.id);
      if (this.ticket?.id !== ticket.id) return;
      this.ticket = ticket;
      if (ticket.state === 'started' && ticket.runtime_id) {
        this.ticket = null;
        await this.switchTo(ticket.runtime_id, ticket.runtime_type);
        return;
      }
      if (ticket.state === 'refused' || ticket.state === 'cancelled') {
        this.ticket = null;
        this.stopWaiting();
        this.say(ticket.message ?? (ticket.state === 'cancelled' ? 'The request was cancelled.' : 'The request was refused.'), ticket.remedy);
        return;
      }
      this.showTicket(ticket);
    } catch (error) {
      // A failed poll is not the end of the wait: say so and keep asking.
      this.say(`Could not check the queue: ${errorText(error)}`, 'Still waiting; trying again.');
    }
    this.poll = window.setTimeout(() => void this.check(), POLL_MS);
  }

  private showTicket(ticket: RuntimeTicket): void {
    const estimate = ticket.estimated_start
      ? `Estimated start ${at(ticket.estimated_start)} (in about ${duration((new Date(ticket.estimated_start).getTime() - Date.now()) / 1000)}).`
      : 'No estimate yet.';
    this.status.replaceChildren(
      h('p', { class: 'queue-position' }, `Every ${ticket.runtime_type} runtime is in use. You are number `, h('strong', {}, String(ticket.position ?? '?')), ' in the queue.'),
      h('p', { class: 'queue-estimate' }, estimate),
      // The ticket's own message says the same as the line above; its remedy speaks of coming back, but this
      // dialog gives the place up when closed, so it says what holds here.
      h('p', { class: 'note' }, 'Keep this open: the notebook moves to the new runtime as soon as one is free. Cancel request gives up your place.'),
    );
    this.status.dataset.state = 'queued';
  }

  private async switchTo(kernelId: string, type: string): Promise<void> {
    this.say('Moving the notebook to the new runtime…');
    try {
      await this.notebook.switchTo(kernelId);
    } catch (error) {
      this.stopWaiting();
      // The runtime runs but the session would not take it: stop it rather than leave it billing.
      await runtimes.stop(kernelId).catch(() => undefined);
      this.refused(error);
      return;
    }
    this.onSwitched(type);
    this.dispose();
  }

  private refused(error: unknown): void {
    if (error instanceof JotterError) this.say(error.headline, error.remedy);
    else this.say(errorText(error));
    this.status.dataset.state = 'refused';
  }

  private say(message: string, remedy?: string | null): void {
    this.status.dataset.state = '';
    this.status.replaceChildren(...(message ? [h('p', { class: 'message' }, message)] : []), ...(remedy ? [h('p', { class: 'remedy' }, remedy)] : []));
  }

  private busy(on: boolean): void {
    this.switchButton.disabled = on;
    this.list.querySelectorAll('input').forEach((input) => input.toggleAttribute('inert', on));
  }

  private stopWaiting(): void {
    window.clearTimeout(this.poll);
    this.switchButton.hidden = false;
    this.closeButton.textContent = 'Close';
    this.busy(false);
  }

  private close(): void {
    const waiting = this.ticket;
    this.ticket = null;
    if (waiting) void runtimes.cancelTicket(waiting.id).catch(() => undefined);
    this.dispose();
  }

  private dispose(): void {
    window.clearTimeout(this.poll);
    this.dialog.close();
    this.dialog.remove();
  }
}
