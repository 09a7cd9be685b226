import type { Slot } from '../api/runtimes';

/** One hour of the calendar: the quarter hours it aggregates. */
export interface HourCell {
  start: Date;
  /** The most booked in any of its quarter hours. */
  booked: number;
  bookable: number;
  /** Free to book for the whole hour. */
  free: number;
  quarters: Slot[];
}

/** A day's column: its date and its hours by hour of the day (0-23, local time). */
export interface DayColumn {
  day: Date;
  hours: Map<number, HourCell>;
}

/**
 * The server's quarter hours as a compact grid, days as columns and hours as rows (local time): an
 * hour shows what can be booked all through it, so booking it never meets a 409.
 */
export function hourGrid(slots: Slot[]): DayColumn[] {
  const days = new Map<string, DayColumn>();
  for (const slot of slots) {
    const start = new Date(slot.start);
    const hourStart = new Date(start);
    hourStart.setMinutes(0, 0, 0);
    const dayKey = start.toDateString();
    let column = days.get(dayKey);
    if (!column) {
      const day = new Date(start);
      day.setHours(0, 0, 0, 0);
      column = { day, hours: new Map() };
      days.set(dayKey, column);
    }
    const hour = start.getHours();
    const cell = column.hours.get(hour) ?? { start: hourStart, booked: 0, bookable: slot.bookable, free: slot.bookable, quarters: [] };
    cell.quarters.push(slot);
    cell.booked = Math.max(cell.booked, slot.booked);
    cell.bookable = Math.min(cell.bookable, slot.bookable);
    cell.free = Math.max(0, cell.bookable - cell.booked);
    column.hours.set(hour, cell);
  }
  return [...days.values()];
}

/** Whether a moment sits on a quarter hour, as the server requires of a reservation's ends. */
export function onQuarterHour(date: Date): boolean {
  return date.getTime() % (15 * 60_000) === 0;
}
