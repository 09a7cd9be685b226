import type { Job, JobState, Parameters, ParameterValue } from '../api/jobs';
import { at, duration } from '../runtime/words';

/**
 * How jobs read to a user, and the dialog's text fields read back: parameters as `name = value`
 * lines, a time limit in minutes, a job's state, progress and place in the queue. Pure functions, so
 * the pages and their unit tests agree.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parameters, one `name = value` a line: `"text"` (or `'text'`) is a string, `true`/`false` a
 * boolean, `12` or `0.001` a number, anything else the text as written. Blank lines and lines
 * starting with `#` or `//` are skipped. The server checks the rest (no Java keywords as names).
 */
export function parseParameters(text: string): Parsed<Parameters> {
  const parameters: Parameters = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#') || line.startsWith('//')) continue;
    const where = `Line ${i + 1} (${line})`;
    const equals = line.indexOf('=');
    if (equals < 0) return { ok: false, error: `${where}: write name = value.` };
    const name = line.slice(0, equals).trim();
    if (!IDENTIFIER.test(name) || name === '_') {
      return { ok: false, error: `${where}: "${name}" is not a Java name (letters, digits, _ and $, not starting with a digit).` };
    }
    if (name in parameters) return { ok: false, error: `${where}: ${name} is given twice.` };
    const value = parameterValue(line.slice(equals + 1).trim());
    if (value === null) return { ok: false, error: `${where}: give ${name} a value ("" for an empty string).` };
    parameters[name] = value;
  }
  return { ok: true, value: parameters };
}

function parameterValue(text: string): ParameterValue | null {
  if (!text) return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (NUMBER.test(text)) return Number(text);
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return text.slice(1, -1);
    }
  }
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1);
  return text;
}

/** Parameters as the dialog's field writes them: strings quoted only where the bare text would read otherwise. */
export function formatParameters(parameters: Parameters | null): string {
  return Object.entries(parameters ?? {})
    .map(([name, value]) => `${name} = ${typeof value === 'string' && parameterValue(value) !== value ? JSON.stringify(value) : String(value)}`)
    .join('\n');
}

/** A time limit in minutes, blank for the server's default; whole seconds for the API. */
export function parseTimeLimit(minutes: string): Parsed<number | undefined> {
  const text = minutes.trim();
  if (!text) return { ok: true, value: undefined };
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) return { ok: false, error: 'The time limit is a number of minutes, more than 0 (or blank for the default).' };
  return { ok: true, value: Math.max(1, Math.round(value * 60)) };
}

const FINAL: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

/** Succeeded, failed or cancelled: nothing changes it any more. */
export function isFinished(job: Pick<Job, 'state'>): boolean {
  return FINAL.has(job.state);
}

export const STATE_WORDS: Record<JobState, string> = {
  queued: 'Queued',
  starting: 'Starting',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** "2/3", "3/3 (1 failed)". */
export function progress(job: Pick<Job, 'cells_done' | 'cells_total' | 'cells_failed'>): string {
  return `${job.cells_done}/${job.cells_total}${job.cells_failed ? ` (${job.cells_failed} failed)` : ''}`;
}

/** While queued: its place and estimate ("Number 2 in the gpu-t4 queue; estimated start 14:05 (in about 3 min)."), or what it waits for. */
export function queueWords(job: Job, now = new Date()): string {
  if (job.state !== 'queued') return '';
  const parts: string[] = [];
  if (job.queue_position !== null) parts.push(`Number ${job.queue_position} in the ${job.runtime_type} queue`);
  if (job.estimated_start) {
    parts.push(`estimated start ${at(job.estimated_start, now)} (in about ${duration((new Date(job.estimated_start).getTime() - now.getTime()) / 1000)})`);
  }
  if (parts.length) return `${parts.join('; ')}.`;
  return job.waiting ?? 'Waiting to start.';
}

/** "1 min", or "—" before it started. */
export function jobDuration(job: Pick<Job, 'duration_seconds'>): string {
  return job.duration_seconds === null ? '—' : duration(job.duration_seconds);
}
