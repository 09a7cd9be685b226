import { describe, expect, it, vi } from 'vitest';
import type { KernelMessage } from '@jupyterlab/services';
import type { RuntimeType, Tier } from '../../src/api/runtimes';
import { hourGrid, onQuarterHour } from '../../src/reservations/calendar';
import { RuntimeAlert, noticeSentence } from '../../src/runtime/alert';
import { duration, freeNow, memory, nextQuarterHour, tierLimits } from '../../src/runtime/words';
import { serverNotice } from '../../src/kernel/session';
import { reservationsUrl, routeOf, usageUrl } from '../../src/routes';

const t4: RuntimeType = {
  name: 'gpu-t4', display_name: 'NVIDIA T4 GPU', kind: 'gpu', accelerators: 1, milli_cpus: 4000, memory_mib: 15360,
  units_per_hour: 1.76, capacity: 4, in_use: 1, allowed: true,
};

describe('runtime words', () => {
  it('reads durations, memory and what is free', () => {
    expect(duration(42)).toBe('42 s');
    expect(duration(5400)).toBe('1 h 30 min');
    expect(duration(43200)).toBe('12 h');
    expect(duration(3 * 86400 + 4 * 3600)).toBe('3 d 4 h');
    expect(memory(15360)).toBe('15 GiB');
    expect(memory(512)).toBe('512 MiB');
    expect(freeNow(t4)).toBe('3 of 4 free');
    expect(freeNow({ ...t4, in_use: 4 })).toBe('all 4 in use');
  });

  it('says a tier\'s limits in words', () => {
    const tier: Tier = {
      name: 'free', runtime_types: ['cpu', 'gpu-t4'], max_concurrent: 2, idle_timeout_seconds: 5400, max_lifetime_seconds: 43200,
      weekly_accelerator_hours: 30, monthly_compute_units: null, priority: 0, may_reserve: false,
    };
    expect(tierLimits(tier)).toEqual([
      'Runtime types: cpu, gpu-t4.',
      'Up to 2 runtimes at once.',
      'A runtime stops after 1 h 30 min idle, and at most 12 h after it started.',
      '30 GPU/TPU hours a week, free.',
      'Reservations are not part of this tier.',
    ]);
  });

  it('rounds up to quarter hours', () => {
    expect(nextQuarterHour(new Date('2026-01-01T10:01:00Z')).toISOString()).toBe('2026-01-01T10:15:00.000Z');
    expect(nextQuarterHour(new Date('2026-01-01T10:15:00Z')).toISOString()).toBe('2026-01-01T10:15:00.000Z');
    expect(onQuarterHour(new Date('2026-01-01T10:45:00Z'))).toBe(true);
    expect(onQuarterHour(new Date('2026-01-01T10:50:00Z'))).toBe(false);
  });
});

describe('reservation calendar', () => {
  it('shows an hour as free only as far as its busiest quarter allows', () => {
    const start = new Date(2026, 0, 5, 9, 0);
    const slots = Array.from({ length: 8 }, (_, i) => ({
      start: new Date(start.getTime() + i * 900_000).toISOString(),
      booked: i === 5 ? 2 : i === 6 ? 1 : 0,
      bookable: 2,
    }));
    const [day] = hourGrid(slots);
    expect(day.hours.get(9)).toMatchObject({ booked: 0, free: 2 });
    expect(day.hours.get(10)).toMatchObject({ booked: 2, free: 0 });
    expect(day.hours.get(10)!.quarters).toHaveLength(4);
  });
});

describe('server notices', () => {
  const stream = (text: string, parent: object = {}) => ({
    header: { msg_type: 'stream' }, parent_header: parent, metadata: {}, content: { name: 'stderr', text },
  }) as unknown as KernelMessage.IIOPubMessage;

  it('are stderr lines starting with Jotter: that answer no request', () => {
    expect(serverNotice(stream('Jotter: this runtime will stop within 5 min: idle.\n'))).toBe('Jotter: this runtime will stop within 5 min: idle.');
    expect(serverNotice(stream('Jotter: fake', { msg_id: 'x' }))).toBeNull();
    expect(serverNotice(stream('Exception in thread'))).toBeNull();
  });

  it('warn, save at once, and say why a runtime stopped', async () => {
    const save = vi.fn(async () => undefined);
    const alert = new RuntimeAlert(save, () => undefined);
    expect(alert.notice('Jotter: this runtime will stop within 4 min: GPU time will have run out. Your notebook is saved first.')).toBe('warning');
    expect(save).toHaveBeenCalledTimes(1);
    expect(alert.element.hidden).toBe(false);
    expect(alert.element.dataset.kind).toBe('warning');
    expect(alert.element.textContent).toContain('This runtime will stop within 4 min: GPU time will have run out.');
    await Promise.resolve();
    await Promise.resolve();
    expect(alert.element.textContent).toContain('The notebook is saved.');
    expect(alert.notice('Jotter: the kernel was stopped: idle for 90 min.')).toBe('stopped');
    expect(alert.element.textContent).toContain('The runtime was stopped: idle for 90 min.');
    expect(alert.notice('Jotter: 3 messages sent while you were away were dropped')).toBeNull();
    expect(noticeSentence('Jotter: abc')).toBe('Abc');
  });
});

describe('account pages', () => {
  it('have addresses of their own', () => {
    expect(routeOf(usageUrl())).toEqual({ page: 'usage' });
    expect(routeOf(reservationsUrl())).toEqual({ page: 'reservations' });
  });
});
