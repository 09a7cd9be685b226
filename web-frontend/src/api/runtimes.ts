import { JotterError, jotterCall, jotterResponse } from './jotter';

/**
 * Jotter's runtime API as the server speaks it (snake_case JSON): the types this server has, the
 * user's runtimes and requests for one (which may queue), usage and quota, and reservations.
 */

export interface RuntimeType {
  name: string;
  display_name: string;
  kind: 'cpu' | 'gpu' | 'tpu';
  accelerators: number;
  milli_cpus: number;
  memory_mib: number;
  units_per_hour: number;
  capacity: number;
  in_use: number;
  /** The user's tier includes it. */
  allowed: boolean;
}

/** One of the user's live runtimes; `id` is its kernel's id. */
export interface Runtime {
  id: string;
  runtime_type: string;
  state: string;
  kernel_name: string;
  started_at: string;
  stop_by: string | null;
  units_per_hour: number;
  units_so_far: number;
  reservation_id: number | null;
}

/** A request for a runtime waiting for one of its type to free up. */
export interface RuntimeTicket {
  id: string;
  state: 'queued' | 'started' | 'refused' | 'cancelled';
  runtime_type: string;
  position: number | null;
  estimated_start: string | null;
  runtime_id: string | null;
  message: string | null;
  remedy: string | null;
}

export interface Tier {
  name: string;
  runtime_types: string[];
  max_concurrent: number;
  idle_timeout_seconds: number;
  max_lifetime_seconds: number;
  weekly_accelerator_hours: number | null;
  monthly_compute_units: number | null;
  priority: number;
  may_reserve: boolean;
}

export interface LedgerLine {
  id: number;
  kind: 'grant' | 'meter' | 'refund' | 'adjust';
  at: string;
  compute_units: number;
  accelerator_seconds: number;
  expires_at: string | null;
  runtime_id: string | null;
  runtime_type: string | null;
  reason: string | null;
  actor: string | null;
}

export interface Usage {
  account: string;
  tier: Tier;
  units: number;
  burn_per_hour: number;
  time_left_seconds: number | null;
  accelerator_seconds_used: number;
  accelerator_seconds_left: number | null;
  renews_at: string | null;
  expiring: { units: number; at: string }[];
  warnings: string[];
  running: Runtime[];
  ledger: LedgerLine[];
}

export interface Reservation {
  id: number;
  /** `alice`, or `course:<id>` for a course's students. */
  holder: string;
  runtime_type: string;
  count: number;
  starts_at: string;
  ends_at: string;
  created_by: string;
  in_use: number;
}

/** One quarter hour of a type's calendar. */
export interface Slot {
  start: string;
  booked: number;
  bookable: number;
}

/** What a request for a runtime came to: one now, or a place in the queue. */
export type RuntimeOutcome = { started: Runtime } | { queued: RuntimeTicket };

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
const id = (value: string | number) => encodeURIComponent(String(value));

export const runtimes = {
  types: () => jotterCall<RuntimeType[]>('runtime-types'),
  mine: () => jotterCall<Runtime[]>('runtimes'),
  stop: (runtimeId: string) => jotterCall<void>(`runtimes/${id(runtimeId)}`, { method: 'DELETE' }),
  usage: () => jotterCall<Usage>('usage'),

  /** Asks for a runtime of `type`, queueing when every one is in use (201: running; 202: a ticket). */
  async request(type: string, kernelName?: string, reservationId?: number): Promise<RuntimeOutcome> {
    const response = await jotterResponse('runtimes',
      json('POST', { runtime_type: type, kernel_name: kernelName, reservation_id: reservationId, queue: true }));
    if (!response.ok) throw await JotterError.of(response);
    const body = await response.json();
    return response.status === 202 ? { queued: body as RuntimeTicket } : { started: body as Runtime };
  },
  ticket: (ticketId: string) => jotterCall<RuntimeTicket>(`runtime-requests/${id(ticketId)}`),
  cancelTicket: (ticketId: string) => jotterCall<void>(`runtime-requests/${id(ticketId)}`, { method: 'DELETE' }),
};

export const reservations = {
  list: () => jotterCall<Reservation[]>('reservations'),
  book: (booking: { runtime_type: string; count: number; starts_at: string; ends_at: string; course_id?: number }) =>
    jotterCall<Reservation>('reservations', json('POST', booking)),
  cancel: (reservationId: number) => jotterCall<void>(`reservations/${id(reservationId)}`, { method: 'DELETE' }),
  calendar: (type: string, from: string, slots: number) =>
    jotterCall<Slot[]>(`reservations/calendar?runtime_type=${encodeURIComponent(type)}&from=${encodeURIComponent(from)}&slots=${slots}`),
};
