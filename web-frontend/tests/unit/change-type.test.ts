import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RuntimeTicket, RuntimeType } from '../../src/api/runtimes';

const api = vi.hoisted(() => ({
  types: vi.fn(),
  usage: vi.fn(),
  request: vi.fn(),
  ticket: vi.fn(),
  cancelTicket: vi.fn(),
  stop: vi.fn(),
}));
vi.mock('../../src/api/runtimes', () => ({ runtimes: api }));
vi.mock('../../src/api/jotter', () => ({
  JotterError: class JotterError extends Error {
    constructor(readonly status: number, readonly reason: string | null, readonly remedy: string | null, readonly retryAt: string | null, readonly headline: string) {
      super(headline);
    }
  },
}));
const { ChangeRuntimeTypeDialog } = await import('../../src/runtime/change-type');
const { JotterError } = await import('../../src/api/jotter');

const type = (name: string, extra: Partial<RuntimeType> = {}): RuntimeType => ({
  name, display_name: name.toUpperCase(), kind: name.startsWith('gpu') ? 'gpu' : 'cpu', accelerators: name.startsWith('gpu') ? 1 : 0,
  milli_cpus: 2000, memory_mib: 12288, units_per_hour: 1, capacity: 1, in_use: 0, allowed: true, ...extra,
});
const ticket = (extra: Partial<RuntimeTicket>): RuntimeTicket => ({
  id: 't1', state: 'queued', runtime_type: 'gpu-t4', position: 2, estimated_start: null, runtime_id: null, message: null, remedy: null, ...extra,
});
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('Change runtime type', () => {
  let switchTo = vi.fn(async (_kernelId: string) => undefined);
  let switched = vi.fn((_type: string) => undefined);
  let dialog: InstanceType<typeof ChangeRuntimeTypeDialog>;
  const root = () => document.querySelector('dialog.runtime-type-dialog') as HTMLDialogElement | null;
  const status = () => root()!.querySelector('.runtime-type-status')!.textContent;

  beforeEach(async () => {
    vi.useFakeTimers();
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) { this.open = true; };
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) { this.open = false; };
    Object.values(api).forEach((fn) => fn.mockReset());
    api.types.mockResolvedValue([type('cpu', { capacity: 8, in_use: 1 }), type('gpu-t4', { in_use: 1 }), type('gpu-a100', { allowed: false })]);
    api.usage.mockResolvedValue({ tier: { name: 'free' } });
    api.cancelTicket.mockResolvedValue(undefined);
    switchTo = vi.fn(async (_kernelId: string) => undefined);
    switched = vi.fn((_type: string) => undefined);
    dialog = new ChangeRuntimeTypeDialog({ currentType: () => 'cpu', kernelName: () => 'jotter-java', switchTo }, switched);
    await dialog.open();
  });
  afterEach(() => {
    root()?.remove();
    vi.useRealTimers();
  });

  const pick = async (name: string) => {
    root()!.querySelector<HTMLInputElement>(`input[value="${name}"]`)!.checked = true;
    root()!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await flush();
  };

  it('lists the types, what is free, and those outside the tier disabled with why', () => {
    const options = [...root()!.querySelectorAll('.runtime-type-option')].map((o) => o.textContent);
    expect(options[0]).toContain('CPU (current)');
    expect(options[0]).toContain('7 of 8 free');
    expect(options[1]).toContain('all 1 in use');
    expect(options[2]).toContain('not in your free tier');
    expect(root()!.querySelector<HTMLInputElement>('input[value="gpu-a100"]')!.disabled).toBe(true);
  });

  it('moves the session at once when a runtime starts (201)', async () => {
    api.request.mockResolvedValue({ started: { id: 'k2', runtime_type: 'gpu-t4' } });
    await pick('gpu-t4');
    expect(api.request).toHaveBeenCalledWith('gpu-t4', 'jotter-java');
    expect(switchTo).toHaveBeenCalledWith('k2');
    expect(switched).toHaveBeenCalledWith('gpu-t4');
    expect(root()).toBeNull();
  });

  it('shows the queue position live, then switches when the ticket starts (202)', async () => {
    api.request.mockResolvedValue({ queued: ticket({ position: 2 }) });
    await pick('gpu-t4');
    expect(status()).toContain('You are number 2 in the queue');
    api.ticket.mockResolvedValueOnce(ticket({ position: 1, estimated_start: new Date(Date.now() + 630_000).toISOString() }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(status()).toContain('You are number 1 in the queue');
    expect(status()).toMatch(/Estimated start .* \(in about 10 min\)/);
    api.ticket.mockResolvedValueOnce(ticket({ state: 'started', position: null, runtime_id: 'k3' }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(switchTo).toHaveBeenCalledWith('k3');
    expect(root()).toBeNull();
  });

  it('says why a queued request was refused, with the remedy', async () => {
    api.request.mockResolvedValue({ queued: ticket({}) });
    await pick('gpu-t4');
    api.ticket.mockResolvedValueOnce(ticket({ state: 'refused', message: 'Your GPU hours ran out.', remedy: 'They renew Monday.' }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(status()).toBe('Your GPU hours ran out.They renew Monday.');
    expect(switchTo).not.toHaveBeenCalled();
  });

  it('cancels the request when closed while it waits', async () => {
    api.request.mockResolvedValue({ queued: ticket({}) });
    await pick('gpu-t4');
    const close = [...root()!.querySelectorAll('button')].find((b) => b.textContent === 'Cancel request')!;
    close.click();
    expect(api.cancelTicket).toHaveBeenCalledWith('t1');
    expect(root()).toBeNull();
  });

  it('shows a refusal\'s message and remedy, not "cannot connect"', async () => {
    api.request.mockRejectedValue(new JotterError(429, 'quota', 'Try a CPU runtime.', null, 'No GPU time left this week.'));
    await pick('gpu-t4');
    expect(status()).toBe('No GPU time left this week.Try a CPU runtime.');
  });
});
