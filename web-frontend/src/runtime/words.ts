import type { RuntimeType, Tier } from '../api/runtimes';

/**
 * How runtimes, quota and time read to a user: "1 h 30 min", "1.76 units/h", "15 GiB", a tier's
 * limits as sentences. Pure functions, so the pages and their unit tests agree.
 */

/** "45 s", "12 min", "1 h 30 min", "3 d 4 h". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "166 h 58 min": an allowance counted in hours stays in hours. */
export function hours(seconds: number): string {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  return minutes < 60 ? `${minutes} min` : minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes / 60} h`;
}

/** Compute units with two decimals, as the ledger counts them (never "-0.00"). */
export function units(value: number): string {
  const rounded = Math.round(Number(value) * 100) / 100;
  return (rounded === 0 ? 0 : rounded).toFixed(2);
}

export function memory(mib: number): string {
  return mib >= 1024 ? `${+(mib / 1024).toFixed(1)} GiB` : `${mib} MiB`;
}

const KINDS: Record<RuntimeType['kind'], string> = { cpu: 'CPU', gpu: 'GPU', tpu: 'TPU' };

export function kind(type: RuntimeType): string {
  return type.accelerators > 1 ? `${type.accelerators} × ${KINDS[type.kind]}` : KINDS[type.kind];
}

/** "2 of 4 free", "all 4 in use". */
export function freeNow(type: RuntimeType): string {
  const free = Math.max(0, type.capacity - type.in_use);
  return free === 0 ? `all ${type.capacity} in use` : `${free} of ${type.capacity} free`;
}

/** A moment as the user's clock shows it, with the day when it is not today. */
export function at(iso: string, now = new Date()): string {
  const when = new Date(iso);
  const time = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return when.toDateString() === now.toDateString() ? time : `${when.toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' })} ${time}`;
}

/** A tier's limits, one sentence each. */
export function tierLimits(tier: Tier): string[] {
  const lines = [
    `Runtime types: ${tier.runtime_types.join(', ')}.`,
    `Up to ${tier.max_concurrent} runtime${tier.max_concurrent === 1 ? '' : 's'} at once.`,
    `A runtime stops after ${duration(tier.idle_timeout_seconds)} idle, and at most ${duration(tier.max_lifetime_seconds)} after it started.`,
  ];
  if (tier.weekly_accelerator_hours !== null) lines.push(`${tier.weekly_accelerator_hours} GPU/TPU hours a week, free.`);
  if (tier.monthly_compute_units !== null) lines.push(`${units(tier.monthly_compute_units)} compute units a month.`);
  lines.push(tier.may_reserve ? 'You may reserve runtimes ahead.' : 'Reservations are not part of this tier.');
  return lines;
}

/** The next quarter hour at or after `date`, as reservations need. */
export function nextQuarterHour(date: Date): Date {
  const quarter = 15 * 60_000;
  return new Date(Math.ceil(date.getTime() / quarter) * quarter);
}

/** A `datetime-local` input's value for a moment, in local time. */
export function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
