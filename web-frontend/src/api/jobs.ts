import { jotterCall } from './jotter';

/**
 * Jotter's training jobs as the server speaks them (`/api/jotter/jobs`, snake_case): a notebook run
 * top to bottom on a runtime of its own, its executed copy stored at `result_path` as its cells run.
 */

export type JobState = 'queued' | 'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A parameter's value: the server declares it in Java as a String, boolean, int, long or double. */
export type ParameterValue = string | number | boolean;
export type Parameters = Record<string, ParameterValue>;

export interface Job {
  id: string;
  state: JobState;
  source_path: string;
  result_path: string;
  runtime_type: string;
  runtime_id: string | null;
  parameters: Parameters | null;
  continue_on_error: boolean;
  time_limit_seconds: number;
  cells_total: number;
  cells_done: number;
  cells_failed: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** How long its cells have run: until it finished, or until now; null before it started. */
  duration_seconds: number | null;
  /** Units its runtime was metered, less refunds; null until its runtime stopped. */
  units_spent: number | null;
  error: string | null;
  /** While queued for a runtime: its place in the type's queue, and when it may start. */
  queue_position: number | null;
  estimated_start: string | null;
  /** While queued: what it waits for, in words. */
  waiting: string | null;
  /** While it waits for one of the server's job slots (before it asks for a runtime): its place in line. */
  slot_position: number | null;
}

/** What `POST /api/jotter/jobs` takes; absent fields take the server's defaults (1 h, stop at the first error). */
export interface JobAsk {
  path: string;
  runtime_type: string;
  parameters?: Parameters;
  continue_on_error?: boolean;
  time_limit_seconds?: number;
}

const id = (value: string) => encodeURIComponent(value);

export const jobs = {
  /** One parameter set (or none): the server answers with the one job. */
  submit: (ask: JobAsk) => jotterCall<Job>('jobs', { method: 'POST', body: JSON.stringify(ask) }),
  mine: () => jotterCall<Job[]>('jobs'),
  get: (jobId: string) => jotterCall<Job>(`jobs/${id(jobId)}`),
  /** Stops its runtime before it answers; 409 when it had already ended. */
  cancel: (jobId: string) => jotterCall<Job>(`jobs/${id(jobId)}`, { method: 'DELETE' }),
};
