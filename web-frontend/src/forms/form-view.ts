import { renderMarkdown } from '../output';
import { h } from '../ui/dom';
import { coerce, fieldChange, parseForm, type CellForm, type FieldValue, type FormField } from './annotations';

/** What a form asks of its cell. */
export interface FormHost {
  /** Puts a field's new literal into the cell's source, as an edit of the code (saved, undoable). */
  change(change: { from: number; to: number; insert: string }): void;
  /** Colab's "run on change" applies only to a cell that ran in this kernel: asked as the field changes. */
  mayRun(): boolean;
  run(): void;
}

/** Keyboard presses on a slider each end a change; one run for a burst of them. */
const RUN_DELAY_MS = 250;
let forms = 0;

/**
 * A code cell's Colab form, beside its code: the title, the Markdown lines and one labelled control
 * per `//@param` field. The code stays the truth: a control changes the literal in the source, and
 * {@link update} with the new source refills the controls (rebuilding them only when the fields'
 * names, types or options changed, so a slider being dragged keeps its focus).
 */
export class FormView {
  readonly element = h('div', { class: 'cell-form', role: 'group' });
  private readonly prefix = `cell-form-${++forms}`;
  private form: CellForm = { title: null, markdown: [], fields: [] };
  private shape = '';
  private controls: Control[] = [];
  private runTimer: number | undefined;

  constructor(private readonly host: FormHost) {
    this.element.hidden = true;
  }

  get hasFields(): boolean {
    return this.form.fields.length > 0;
  }

  update(source: string): void {
    const form = parseForm(source);
    const shape = JSON.stringify([form.title, form.markdown, form.fields.map(({ name, type, javaType, min, max, step, options, allowInput }) =>
      [name, type, javaType, min, max, step, options, allowInput])]);
    this.form = form;
    this.element.hidden = form.fields.length === 0;
    if (shape !== this.shape) {
      this.shape = shape;
      this.build();
    } else {
      this.controls.forEach((control, i) => control.show(form.fields[i]));
    }
  }

  dispose(): void {
    window.clearTimeout(this.runTimer);
  }

  private build(): void {
    const { title, markdown, fields } = this.form;
    const parts: Node[] = [];
    if (title) parts.push(h('div', { class: 'form-title', id: `${this.prefix}-title` }, title));
    if (markdown.length) parts.push(renderMarkdown(markdown.join('\n')));
    if (title) this.element.setAttribute('aria-labelledby', `${this.prefix}-title`);
    else this.element.setAttribute('aria-label', 'Form fields');
    this.controls = fields.map((field, i) => new Control(field, `${this.prefix}-${i}`, (value, run) => this.set(i, value, run)));
    parts.push(...this.controls.map((control) => control.element));
    this.element.replaceChildren(...parts);
  }

  /** The field as it is now (offsets move as other fields change), set to `value`. */
  private set(index: number, value: FieldValue | null, run: boolean): void {
    const field = this.form.fields[index];
    if (!field) return;
    const change = value === null || value === field.value ? null : fieldChange(field, value);
    if (change) this.host.change(change);
    if (run && this.host.mayRun()) {
      window.clearTimeout(this.runTimer);
      this.runTimer = window.setTimeout(() => this.host.run(), RUN_DELAY_MS);
    }
  }
}

/** One field's label and control; `onValue(value, run)` on each change, `run` when Colab re-runs for it. */
class Control {
  readonly element = h('div', { class: 'form-field' });
  private readonly input: HTMLInputElement | HTMLSelectElement;
  private readonly readout: HTMLOutputElement | null = null;

  constructor(
    private field: FormField,
    id: string,
    onValue: (value: FieldValue | null, run: boolean) => void,
  ) {
    this.element.dataset.type = field.type;
    const label = h('label', { for: id }, field.name);
    const read = () => coerce(this.field, this.input instanceof HTMLInputElement && this.input.type === 'checkbox' ? String(this.input.checked) : this.input.value);
    const runs = field.runAuto === true || field.type === 'slider' || field.type === 'boolean' || (field.type === 'dropdown' && !field.allowInput);
    switch (field.type) {
      case 'slider':
        this.input = h('input', { type: 'range', id, min: String(field.min), max: String(field.max), step: String(field.step) });
        this.readout = h('output', { for: id });
        break;
      case 'boolean':
        this.input = h('input', { type: 'checkbox', id });
        break;
      case 'dropdown':
        this.input = field.allowInput ? h('input', { type: 'text', id, list: `${id}-choices` }) : h('select', { id });
        break;
      case 'number':
      case 'integer':
        this.input = h('input', { type: 'number', id, step: field.type === 'integer' ? '1' : 'any' });
        break;
      case 'date':
        this.input = h('input', { type: 'date', id });
        break;
      case 'string':
        this.input = h('input', { type: 'text', id, spellcheck: 'false' });
        break;
    }
    this.input.name = field.name;
    // Typing or dragging rewrites the code as it goes; the end of a change may run the cell.
    this.input.addEventListener('input', () => onValue(read(), false));
    this.input.addEventListener('change', () => onValue(read(), runs));
    this.element.append(label, this.input);
    if (this.readout) this.element.append(this.readout);
    if (field.type === 'dropdown' && field.allowInput) {
      this.element.append(h('datalist', { id: `${id}-choices` }, ...field.options!.map((option) => h('option', { value: String(option) }))));
    }
    this.show(field);
  }

  /** Shows the field's value from the code; not in a control being typed in (it made the change, and may hold "1e" on the way to "1e-3"). */
  show(field: FormField): void {
    this.field = field;
    const text = String(field.value);
    if (this.input instanceof HTMLSelectElement) {
      const choices = field.options!.map(String);
      // A value the list lacks (typed into the code) still shows, as in Colab.
      if (!choices.includes(text)) choices.unshift(text);
      if ([...this.input.options].map((option) => option.value).join('\n') !== choices.join('\n')) {
        this.input.replaceChildren(...choices.map((choice) => h('option', { value: choice }, choice)));
      }
      this.input.value = text;
    } else if (this.input.type === 'checkbox') {
      this.input.checked = field.value === true;
    } else if (document.activeElement !== this.input && this.input.value !== text) {
      this.input.value = text;
    }
    if (this.readout) this.readout.value = text;
  }
}
