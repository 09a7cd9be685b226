import { jobs, type Job } from '../api/jobs';
import { runtimes, type RuntimeType } from '../api/runtimes';
import { notebookUrl } from '../routes';
import { at, units } from '../runtime/words';
import { act, frame } from '../ui/frame';
import { h } from '../ui/dom';
import { formatParameters, isFinished, jobDuration, progress, queueWords, STATE_WORDS } from './words';

/** Often while a job may change; rarely once all have ended (a job submitted elsewhere still shows up). */
const BUSY_REFRESH_MS = 3_000;
const IDLE_REFRESH_MS = 30_000;
const COLUMNS = ['Notebook', 'State', 'Runtime', 'Cells', 'Duration', 'Units', 'Details', 'Executed notebook', ''];

/**
 * The jobs page: the user's training jobs, newest first, with their state, runtime type, cells done,
 * duration, units spent, place in the queue while they wait, the error that ended them, a link to the
 * executed notebook, and Cancel for those not yet ended. Refreshes every few seconds while any runs.
 */
export async function showJobs(root: HTMLElement): Promise<void> {
  const rows = h('tbody');
  const status = frame(root, 'Jobs', 'jobs',
    h('h1', {}, 'Jobs'),
    h('p', { class: 'note' }, 'Notebooks run top to bottom on a runtime of their own ("Run as job" in a notebook\'s Run menu). Each writes its outputs to a copy beside the notebook as its cells run.'),
    h('table', { class: 'files jobs-table' }, h('thead', {}, h('tr', {}, ...COLUMNS.map((t) => h('th', {}, t)))), rows));

  let types = new Map<string, RuntimeType>();
  let timer: number | undefined;
  const load = async () => {
    window.clearTimeout(timer);
    let busy = false;
    await act(status, async () => {
      const [list, typeList] = await Promise.all([jobs.mine(), types.size ? Promise.resolve(null) : runtimes.types().catch(() => null)]);
      if (typeList) types = new Map(typeList.map((type) => [type.name, type]));
      busy = list.some((job) => !isFinished(job));
      rows.replaceChildren(...list.map((job) => jobRow(job, types, status, load)));
      if (list.length === 0) rows.append(h('tr', {}, h('td', { colspan: String(COLUMNS.length), class: 'empty' }, 'No jobs yet. Open a notebook and choose Run ▾ → Run as job.')));
    });
    // Keep asking while the page is shown; a failed load is retried as if something ran.
    if (rows.isConnected) timer = window.setTimeout(() => void load(), busy || status.textContent ? BUSY_REFRESH_MS : IDLE_REFRESH_MS);
  };
  await load();
}

function jobRow(job: Job, types: Map<string, RuntimeType>, status: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const cancel = h('button', { class: 'cancel-job', onclick: () => {
    if (!confirm('Cancel this job? Its runtime is stopped; the cells run so far keep their outputs.')) return;
    cancel.disabled = true;
    void act(status, () => jobs.cancel(job.id)).then(reload);
  } }, 'Cancel');
  const parameters = formatParameters(job.parameters);
  const details = job.state === 'queued' ? queueWords(job) : job.error ?? (job.finished_at ? `Finished ${at(job.finished_at)}` : job.started_at ? `Started ${at(job.started_at)}` : '');
  return h('tr', { 'data-job': job.id, 'data-state': job.state },
    h('td', {}, h('a', { href: notebookUrl(job.source_path) }, job.source_path),
      h('span', { class: 'muted' }, ` ${job.id.slice(0, 8)}`),
      ...(parameters ? [h('div', { class: 'muted parameters' }, parameters.replace(/\n/g, ', '))] : [])),
    h('td', {}, h('span', { class: 'job-state', 'data-state': job.state }, STATE_WORDS[job.state] ?? job.state)),
    h('td', {}, types.get(job.runtime_type)?.display_name ?? job.runtime_type),
    h('td', { class: 'cells' }, progress(job)),
    h('td', {}, jobDuration(job)),
    h('td', {}, job.units_spent === null ? (isFinished(job) ? '—' : 'counting') : units(job.units_spent)),
    h('td', { class: job.state === 'failed' ? 'job-error' : 'job-details' }, details),
    h('td', {}, h('a', { class: 'result-link', href: notebookUrl(job.result_path) }, job.result_path.split('/').pop() ?? job.result_path)),
    h('td', {}, isFinished(job) ? '' : cancel));
}
