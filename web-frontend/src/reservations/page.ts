import { courses, type Course } from '../api/courses';
import { JotterError } from '../api/jotter';
import { reservations, runtimes, type Reservation, type RuntimeType } from '../api/runtimes';
import { at, localInput, nextQuarterHour } from '../runtime/words';
import { act, frame } from '../ui/frame';
import { errorText, h } from '../ui/dom';
import { hourGrid, onQuarterHour, type HourCell } from './calendar';

const DAYS = 4;

/**
 * The reservations page: a type's calendar for the coming days (an hour per row, a day per column,
 * showing what can still be booked), the user's and their courses' reservations with Cancel, and a
 * booking form. A refusal shows the server's message: when a window is full it says how many are free.
 */
export async function showReservations(root: HTMLElement): Promise<void> {
  const typeSelect = h('select', { 'aria-label': 'Runtime type', class: 'calendar-type' });
  const calendar = h('div', { class: 'calendar' });
  const mine = h('tbody');
  const form = new BookingForm();
  const status = frame(root, 'Reservations', 'reservations',
    h('h1', {}, 'Reservations'),
    h('p', { class: 'note' }, 'Book runtimes ahead for a class or a long run. Times are in your time zone, on quarter hours. ' +
      'Only part of each type can be booked; the rest stays for those who come on the day.'),
    h('h2', {}, 'Your reservations'),
    h('table', { class: 'files my-reservations' }, h('thead', {}, h('tr', {}, ...['Runtime type', 'For', 'Count', 'From', 'To', 'In use', ''].map((t) => h('th', {}, t)))), mine),
    h('h2', {}, 'Book'),
    form.element,
    h('h2', {}, 'Calendar ', typeSelect),
    h('p', { class: 'note' }, 'Each hour shows how many runtimes can still be booked all through it. Click an hour to book it.'),
    calendar);

  let types: RuntimeType[] = [];
  let taught: Course[] = [];
  const showCalendar = () => act(status, async () => {
    const from = new Date();
    from.setHours(0, 0, 0, 0);
    const slots = await reservations.calendar(typeSelect.value, from.toISOString(), 96 * DAYS);
    calendar.replaceChildren(calendarTable(slots, (cell) => form.prefill(typeSelect.value, cell.start)));
  });
  const showMine = () => act(status, async () => {
    const list = await reservations.list();
    mine.replaceChildren(...list.map((r) => reservationRow(r, types, taught, () => void act(status, async () => {
      if (!confirm('Cancel this reservation?')) return;
      await reservations.cancel(r.id);
      await Promise.all([showMine(), showCalendar()]);
    }))));
    if (list.length === 0) mine.append(h('tr', {}, h('td', { colspan: '7', class: 'empty' }, 'No reservations.')));
  });

  await act(status, async () => {
    types = await runtimes.types();
    taught = await courses.mine().then((list) => list.filter((c) => c.teaches), () => []);
    const bookable = types.filter((t) => t.allowed || taught.length > 0);
    typeSelect.replaceChildren(...types.map((t) => h('option', { value: t.name }, t.display_name)));
    typeSelect.value = (types.find((t) => t.kind !== 'cpu') ?? types[0])?.name ?? '';
    form.setChoices(bookable, taught, typeSelect.value);
  });
  typeSelect.addEventListener('change', () => void showCalendar());
  form.onBooked = (reservation) => {
    typeSelect.value = reservation.runtime_type;
    void Promise.all([showMine(), showCalendar()]);
  };
  await Promise.all([showMine(), showCalendar()]);
}

function reservationRow(r: Reservation, types: RuntimeType[], taught: Course[], cancel: () => void): HTMLElement {
  const course = r.holder.startsWith('course:') ? r.holder.slice('course:'.length) : null;
  const courseTitle = course ? taught.find((c) => String(c.id) === course)?.title ?? `course ${course}` : null;
  return h('tr', { 'data-reservation': String(r.id) },
    h('td', {}, types.find((t) => t.name === r.runtime_type)?.display_name ?? r.runtime_type),
    h('td', {}, courseTitle ?? 'you'),
    h('td', {}, String(r.count)),
    h('td', {}, at(r.starts_at)),
    h('td', {}, at(r.ends_at)),
    h('td', {}, String(r.in_use)),
    h('td', {}, h('button', { onclick: cancel }, 'Cancel')));
}

function calendarTable(slots: Parameters<typeof hourGrid>[0], pick: (cell: HourCell) => void): HTMLElement {
  const days = hourGrid(slots);
  const now = Date.now();
  const head = h('tr', {}, h('th', {}, ''), ...days.map((d) => h('th', {}, d.day.toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' }))));
  const rows = Array.from({ length: 24 }, (_, hour) => h('tr', {},
    h('th', { class: 'hour' }, `${String(hour).padStart(2, '0')}:00`),
    ...days.map((d) => {
      const cell = d.hours.get(hour);
      if (!cell) return h('td', { class: 'none' }, '');
      const past = cell.start.getTime() + 3_600_000 <= now;
      const state = past ? 'past' : cell.bookable === 0 ? 'none' : cell.free === 0 ? 'full' : cell.booked > 0 ? 'some' : 'free';
      const detail = cell.quarters.map((q) => `${at(q.start)}: ${q.booked} booked of ${q.bookable}`).join('\n');
      const td = h('td', { class: `slot ${state}`, title: detail, 'data-start': cell.start.toISOString(), 'data-free': String(cell.free), 'data-booked': String(cell.booked) },
        past ? '' : `${cell.free} free`);
      if (!past && cell.free > 0) td.addEventListener('click', () => pick(cell));
      return td;
    })));
  return h('table', { class: 'calendar-grid' }, h('thead', {}, head), h('tbody', {}, ...rows));
}

/** The booking form: type, count, start and end on quarter hours, and the course for instructors. */
class BookingForm {
  private readonly type = h('select', { 'aria-label': 'Type to book' });
  private readonly count = h('input', { type: 'number', min: '1', value: '1', 'aria-label': 'Count' });
  private readonly start = h('input', { type: 'datetime-local', step: '900', 'aria-label': 'Start' });
  private readonly end = h('input', { type: 'datetime-local', step: '900', 'aria-label': 'End' });
  private readonly course = h('select', { 'aria-label': 'For', hidden: '' });
  private readonly status = h('div', { class: 'booking-status', role: 'alert' });
  readonly element = h('div', { class: 'booking-form' },
    h('label', {}, 'Type ', this.type), h('label', {}, 'Count ', this.count),
    h('label', {}, 'From ', this.start), h('label', {}, 'To ', this.end), this.course,
    h('button', { class: 'primary', onclick: () => void this.book() }, 'Book'),
    this.status);
  onBooked: ((reservation: Reservation) => void) | null = null;

  constructor() {
    const start = nextQuarterHour(new Date(Date.now() + 3_600_000));
    this.start.value = localInput(start);
    this.end.value = localInput(new Date(start.getTime() + 3_600_000));
  }

  setChoices(types: RuntimeType[], taught: Course[], selected: string): void {
    this.type.replaceChildren(...types.map((t) => h('option', { value: t.name }, t.display_name)));
    this.type.value = selected;
    this.course.replaceChildren(h('option', { value: '' }, 'for me'), ...taught.map((c) => h('option', { value: String(c.id) }, `for ${c.title}`)));
    this.course.hidden = taught.length === 0;
  }

  prefill(type: string, start: Date): void {
    this.type.value = type;
    this.start.value = localInput(start);
    this.end.value = localInput(new Date(start.getTime() + 3_600_000));
    this.element.scrollIntoView({ block: 'nearest' });
    this.start.focus();
  }

  private async book(): Promise<void> {
    const start = new Date(this.start.value);
    const end = new Date(this.end.value);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return this.say('Give a start and an end.');
    if (!onQuarterHour(start) || !onQuarterHour(end)) return this.say('Reservations start and end on quarter hours (:00, :15, :30, :45).');
    if (end <= start) return this.say('The end must come after the start.');
    this.say('Booking…');
    try {
      const booked = await reservations.book({
        runtime_type: this.type.value,
        count: Number(this.count.value) || 1,
        starts_at: start.toISOString(),
        ends_at: end.toISOString(),
        ...(this.course.value ? { course_id: Number(this.course.value) } : {}),
      });
      this.say(`Booked: ${booked.count} × ${booked.runtime_type}, ${at(booked.starts_at)} to ${at(booked.ends_at)}.`);
      this.status.dataset.state = 'booked';
      this.onBooked?.(booked);
    } catch (error) {
      if (error instanceof JotterError) this.say(error.headline, error.remedy);
      else this.say(errorText(error));
      this.status.dataset.state = 'refused';
    }
  }

  private say(message: string, remedy?: string | null): void {
    this.status.dataset.state = '';
    this.status.replaceChildren(h('p', { class: 'message' }, message), ...(remedy ? [h('p', { class: 'remedy' }, remedy)] : []));
  }
}
