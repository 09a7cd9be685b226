import type { Submission } from '../api/courses';

/** How a due date reads next to "now": "due in 3 days", "due in 5 hours", "was due 2 days ago". */
export function dueLabel(dueAt: string, now: Date): string {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const span =
    minutes < 60 ? plural(minutes, 'minute') : minutes < 48 * 60 ? plural(Math.round(minutes / 60), 'hour') : plural(Math.round(minutes / 1440), 'day');
  return ms >= 0 ? `due in ${span}` : `was due ${span} ago`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** One student's row in the instructors' table: the submission that counts, and how many they made. */
export interface StudentRow {
  student: string;
  latest: Submission;
  count: number;
}

/**
 * The instructors' table from the list the server gives (every submission, `latest` marking each
 * student's newest): one row per student, by name.
 */
export function studentRows(submissions: Submission[]): StudentRow[] {
  const rows = new Map<string, StudentRow>();
  for (const submission of submissions) {
    const row = rows.get(submission.student);
    const count = (row?.count ?? 0) + 1;
    const latest = submission.latest || !row ? submission : row.latest;
    rows.set(submission.student, { student: submission.student, latest, count });
  }
  return [...rows.values()].sort((a, b) => a.student.localeCompare(b.student));
}

/** A cell's source as one string (nbformat allows a list of lines). */
export function sourceText(source: string | string[]): string {
  return Array.isArray(source) ? source.join('') : source;
}

/** A `<input type="datetime-local">` value (local time, no offset) as ISO-8601 with this browser's offset. */
export function localToIso(local: string, offsetMinutes = new Date(local).getTimezoneOffset()): string {
  const sign = offsetMinutes > 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
