import { jobs, type Job, type JobAsk, type Parameters } from '../api/jobs';
import { JotterError } from '../api/jotter';
import { runtimes, type RuntimeType } from '../api/runtimes';
import { jobsUrl, notebookUrl } from '../routes';
import { duration, units } from '../runtime/words';
import { errorText, h } from '../ui/dom';
import { formatParameters, isFinished, jobDuration, parseParameters, parseTimeLimit, progress, queueWords, STATE_WORDS } from './words';

const POLL_MS = 2_000;

/** What the dialog needs of the notebook: where it is saved, what it runs on, and a save. */
export interface JobSource {
  path(): string;
  currentType(): string | null;
  /** A cell tagged `parameters` (papermill's convention): the values are declared after it. */
  hasParametersCell(): boolean;
  /** The notebook's form fields (`//@param` lines) and their values: the job's parameters unless changed. */
  formValues(): Parameters;
  /** Saves the notebook; false when it could not (the job would run an older version). */
  save(): Promise<boolean>;
}

/**
 * "Run as job": the notebook as last saved (it saves first) runs top to bottom on a runtime of its
 * own, with optional parameters, while the user may close the page. The dialog then follows the job
 * (state, cells done) and links to its executed copy and to the jobs page.
 */
export class RunAsJobDialog {
  private readonly dialog = h('dialog', { class: 'dialog run-job-dialog', 'aria-label': 'Run as job' });
  private readonly type = h('select', { name: 'runtime-type', 'aria-label': 'Runtime type' });
  private readonly parameters = h('textarea', { name: 'parameters', rows: '3', spellcheck: 'false', placeholder: 'lr = 0.01\nepochs = 3', 'aria-label': 'Parameters' });
  private readonly continueOnError = h('input', { type: 'checkbox', name: 'continue-on-error' });
  private readonly timeLimit = h('input', { type: 'number', name: 'time-limit', min: '1', step: '1', placeholder: 'default', 'aria-label': 'Time limit in minutes' });
  private readonly limitNote = h('span', { class: 'note' });
  private readonly form = h('div', { class: 'run-job-form' });
  private readonly status = h('div', { class: 'run-job-status', role: 'status' });
  private readonly runButton = h('button', { class: 'primary', onclick: () => void this.submit() }, 'Run');
  private job: Job | null = null;
  private poll: number | undefined;

  constructor(private readonly notebook: JobSource) {
    const parametersNote = notebook.hasParametersCell()
      ? 'Declared in a cell added after the one tagged "parameters"; a name declared there keeps its type.'
      : 'No cell is tagged "parameters": they are declared in a cell added at the top.';
    // Colab's forms are the notebook's parameters: prefilled with their values, set in their own line.
    const form = notebook.formValues();
    const fromForms = Object.keys(form).length > 0;
    if (fromForms) this.parameters.value = formatParameters(form);
    this.form.append(
      h('label', {}, h('span', { class: 'field' }, 'Runtime type'), this.type),
      h('label', {}, h('span', { class: 'field' }, 'Parameters (name = value, one a line; optional)'), this.parameters),
      ...(fromForms ? [h('p', { class: 'note form-note' }, "Prefilled from the notebook's form fields (//@param): those are set in their own line, as the form would set them. Other names:")] : []),
      h('p', { class: 'note' }, parametersNote),
      h('label', { class: 'inline' }, this.continueOnError, ' Keep going after a cell fails'),
      h('label', {}, h('span', { class: 'field' }, 'Time limit (minutes)'), this.timeLimit, ' ', this.limitNote),
    );
    this.dialog.append(
      h('h2', {}, 'Run as job'),
      h('p', { class: 'note' }, 'Saves the notebook, then runs it top to bottom on a runtime of its own: you may close this page. Its outputs go to a copy beside it.'),
      this.form,
      this.status,
      h('div', { class: 'dialog-buttons' }, this.runButton, h('button', { onclick: () => this.close() }, 'Close')),
    );
    this.dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      this.close();
    });
  }

  async open(): Promise<void> {
    document.body.append(this.dialog);
    this.dialog.showModal();
    this.say('Loading runtime types…');
    this.runButton.disabled = true;
    try {
      const [types, usage] = await Promise.all([runtimes.types(), runtimes.usage().catch(() => null)]);
      this.showTypes(types, usage?.tier.name ?? null);
      const max = usage?.tier.max_lifetime_seconds;
      this.limitNote.textContent = max ? `blank: the server's default; at most ${duration(max)} in your tier` : "blank: the server's default";
      this.say('');
      this.runButton.disabled = false;
    } catch (error) {
      this.refused(error);
    }
  }

  private showTypes(types: RuntimeType[], tier: string | null): void {
    const current = this.notebook.currentType();
    const chosen = types.find((type) => type.allowed && type.name === current) ?? types.find((type) => type.allowed);
    this.type.replaceChildren(...types.map((type) => {
      const why = type.allowed ? `${units(type.units_per_hour)} units/h` : tier ? `not in your ${tier} tier` : 'not in your tier';
      const option = h('option', { value: type.name }, `${type.display_name}${type.name === current ? ' (current)' : ''} – ${why}`);
      option.disabled = !type.allowed;
      return option;
    }));
    if (chosen) this.type.value = chosen.name;
  }

  private ask(): JobAsk | null {
    const parameters = parseParameters(this.parameters.value);
    if (!parameters.ok) return this.say(parameters.error), null;
    const limit = parseTimeLimit(this.timeLimit.value);
    if (!limit.ok) return this.say(limit.error), null;
    if (!this.type.value) return this.say('Choose a runtime type first.'), null;
    return {
      path: this.notebook.path(),
      runtime_type: this.type.value,
      ...(Object.keys(parameters.value).length ? { parameters: parameters.value } : {}),
      continue_on_error: this.continueOnError.checked,
      ...(limit.value !== undefined ? { time_limit_seconds: limit.value } : {}),
    };
  }

  private async submit(): Promise<void> {
    const ask = this.ask();
    if (!ask) return;
    this.runButton.disabled = true;
    this.say('Saving the notebook…');
    if (!(await this.notebook.save())) {
      this.runButton.disabled = false;
      this.say('The notebook could not be saved, so no job was started.', 'The header says why; save it, then try again.');
      this.status.dataset.state = 'refused';
      return;
    }
    this.say('Submitting…');
    try {
      // Saved under a new name meanwhile? The saver knows the path now.
      this.follow(await jobs.submit({ ...ask, path: this.notebook.path() }));
      this.runButton.hidden = true;
      this.form.querySelectorAll('input, select, textarea').forEach((field) => field.setAttribute('disabled', ''));
    } catch (error) {
      this.refused(error);
      this.runButton.disabled = false;
    }
  }

  private follow(job: Job): void {
    this.job = job;
    this.showJob(job);
    if (!isFinished(job)) this.poll = window.setTimeout(() => void this.check(), POLL_MS);
  }

  private async check(): Promise<void> {
    const job = this.job;
    if (!job || !this.dialog.isConnected) return;
    try {
      this.follow(await jobs.get(job.id));
    } catch (error) {
      // A failed poll is not the job's end: say so and keep asking.
      this.showJob(job, `Could not check the job: ${errorText(error)}`);
      this.poll = window.setTimeout(() => void this.check(), POLL_MS);
    }
  }

  private showJob(job: Job, trouble?: string): void {
    const state = h('span', { class: 'job-state', 'data-state': job.state }, STATE_WORDS[job.state] ?? job.state);
    this.status.dataset.state = job.state;
    this.status.replaceChildren(
      h('p', { class: 'job-summary' }, 'Job ', state, ` · cells ${progress(job)} · ${jobDuration(job)}`),
      ...(job.state === 'queued' ? [h('p', { class: 'queue' }, queueWords(job))] : []),
      ...(job.error ? [h('p', { class: 'job-error' }, job.error)] : []),
      ...(trouble ? [h('p', { class: 'remedy' }, trouble)] : []),
      h('p', { class: 'job-links' },
        h('a', { class: 'result-link', href: notebookUrl(job.result_path), target: '_blank', rel: 'noopener' }, 'Open the executed notebook'),
        ' · ',
        h('a', { class: 'jobs-link', href: jobsUrl(), target: '_blank', rel: 'noopener' }, 'All jobs')),
    );
  }

  private refused(error: unknown): void {
    if (error instanceof JotterError) this.say(error.headline, error.remedy);
    else this.say(errorText(error));
    this.status.dataset.state = 'refused';
  }

  private say(message: string, remedy?: string | null): void {
    this.status.dataset.state = '';
    this.status.replaceChildren(...(message ? [h('p', { class: 'message' }, message)] : []), ...(remedy ? [h('p', { class: 'remedy' }, remedy)] : []));
  }

  private close(): void {
    window.clearTimeout(this.poll);
    this.job = null;
    this.dialog.close();
    this.dialog.remove();
  }
}
