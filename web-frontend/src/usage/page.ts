import { runtimes, type LedgerLine, type Runtime, type RuntimeType, type Usage } from '../api/runtimes';
import { at, duration, hours, tierLimits, units } from '../runtime/words';
import { act, frame } from '../ui/frame';
import { h } from '../ui/dom';

const REFRESH_MS = 30_000;

/**
 * The usage page: nothing about quota is secret. The tier and its limits in words, what is left and
 * how fast running runtimes spend it, when free hours renew, the server's warnings, the runtimes
 * running now (with a Stop button each) and the ledger every figure comes from.
 */
export async function showUsage(root: HTMLElement): Promise<void> {
  const summary = h('dl', { class: 'usage-summary' });
  const warnings = h('div', { class: 'usage-warnings' });
  const limits = h('ul', { class: 'tier-limits' });
  const running = h('tbody');
  const ledger = h('tbody');
  const tierName = h('span', { class: 'tier-name' });
  const status = frame(root, 'Usage', 'usage',
    h('h1', {}, 'Usage and limits'),
    warnings,
    summary,
    h('h2', {}, 'Your tier: ', tierName),
    limits,
    h('h2', {}, 'Running now'),
    h('table', { class: 'files running-runtimes' }, h('thead', {}, h('tr', {}, ...['Runtime', 'Started', 'Cost so far', 'Rate', 'Stops by', ''].map((t) => h('th', {}, t)))), running),
    h('h2', {}, 'Ledger'),
    h('p', { class: 'note' }, 'Every grant, charge and refund, newest first: the figures above are its sum.'),
    h('table', { class: 'files ledger' }, h('thead', {}, h('tr', {}, ...['When', 'What', 'Units', 'GPU/TPU time', 'Runtime', 'Reason', 'By'].map((t) => h('th', {}, t)))), ledger));

  let types = new Map<string, RuntimeType>();
  const load = () => act(status, async () => {
    const [usage, list] = await Promise.all([runtimes.usage(), types.size ? Promise.resolve(null) : runtimes.types()]);
    if (list) types = new Map(list.map((type) => [type.name, type]));
    tierName.textContent = usage.tier.name;
    summary.replaceChildren(...summaryRows(usage, types));
    limits.replaceChildren(...tierLimits(usage.tier).map((line) => h('li', {}, line)));
    warnings.replaceChildren(...usage.warnings.map((warning) => h('p', { class: 'warning', role: 'alert' }, warning)));
    running.replaceChildren(...usage.running.map((runtime) => runningRow(runtime, types, status, load)));
    if (usage.running.length === 0) running.append(h('tr', {}, h('td', { colspan: '6', class: 'empty' }, 'No runtime is running.')));
    ledger.replaceChildren(...usage.ledger.map(ledgerRow));
    if (usage.ledger.length === 0) ledger.append(h('tr', {}, h('td', { colspan: '7', class: 'empty' }, 'Nothing yet.')));
  });
  await load();
  const timer = window.setInterval(() => (root.isConnected ? void load() : window.clearInterval(timer)), REFRESH_MS);
}

/**
 * The figures at the top. A tier of free weekly hours spends GPU/TPU time (an hour an hour per
 * accelerator; CPU runtimes are free); a paid tier spends compute units at each runtime's rate.
 */
export function summaryRows(usage: Usage, types: Map<string, RuntimeType>): Node[] {
  const rows: [string, string][] = [];
  const weekly = usage.tier.weekly_accelerator_hours;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (weekly !== null) {
    const left = usage.accelerator_seconds_left === null ? 'no limit' : hours(usage.accelerator_seconds_left);
    rows.push(['GPU/TPU time left', `${left} of ${weekly} h this week (${hours(usage.accelerator_seconds_used)} used)`]);
    const accelerators = usage.running.reduce((sum, r) => {
      const type = types.get(r.runtime_type);
      return sum + (type && type.kind !== 'cpu' ? Math.max(1, type.accelerators) : 0);
    }, 0);
    rows.push(['Burn rate', accelerators
      ? `${count(accelerators, 'GPU/TPU hour')} an hour (${count(accelerators, 'accelerator')} running; CPU runtimes are free)`
      : `nothing that counts (${count(usage.running.length, 'CPU runtime')} running; CPU runtimes are free)`]);
    rows.push(['Time left at this rate', usage.time_left_seconds === null ? '— (no GPU/TPU runtime running)' : duration(usage.time_left_seconds)]);
  } else {
    rows.push(['Balance', `${units(usage.units)} compute units`]);
    rows.push(['Burn rate', usage.running.length
      ? `${units(usage.burn_per_hour)} units/h for ${count(usage.running.length, 'running runtime')}`
      : 'nothing running']);
    rows.push(['Time left at this rate', usage.time_left_seconds === null ? '— (nothing running)' : duration(usage.time_left_seconds)]);
  }
  if (usage.renews_at) rows.push(['Renews', `${at(usage.renews_at)} (in ${duration((new Date(usage.renews_at).getTime() - Date.now()) / 1000)})`]);
  for (const expiring of usage.expiring) rows.push(['Expiring', `${units(expiring.units)} units on ${at(expiring.at)}`]);
  return rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', { 'data-term': term }, value)]);
}

function runningRow(runtime: Runtime, types: Map<string, RuntimeType>, status: HTMLElement, reload: () => Promise<unknown>): HTMLElement {
  const stop = h('button', { onclick: () => {
    if (!confirm('Stop this runtime? Its variables are lost; notebooks stay as last saved.')) return;
    stop.disabled = true;
    void act(status, () => runtimes.stop(runtime.id)).then(reload);
  } }, 'Stop');
  return h('tr', { 'data-runtime': runtime.id },
    h('td', {}, types.get(runtime.runtime_type)?.display_name ?? runtime.runtime_type, h('span', { class: 'muted' }, ` ${runtime.id.slice(0, 8)}`)),
    h('td', {}, at(runtime.started_at)),
    h('td', { class: 'cost' }, `${units(runtime.units_so_far)} units`),
    h('td', {}, `${units(runtime.units_per_hour)} units/h`),
    h('td', {}, runtime.stop_by ? at(runtime.stop_by) : '—'),
    h('td', {}, stop));
}

const KIND_WORDS: Record<LedgerLine['kind'], string> = { grant: 'Grant', meter: 'Runtime use', refund: 'Refund', adjust: 'Adjustment' };

function ledgerRow(line: LedgerLine): HTMLElement {
  const value = Number(units(line.compute_units));
  return h('tr', { 'data-kind': line.kind },
    h('td', {}, at(line.at)),
    h('td', {}, KIND_WORDS[line.kind] ?? line.kind),
    h('td', { class: value < 0 ? 'debit' : value > 0 ? 'credit' : '' }, `${value > 0 ? '+' : ''}${units(value)}`, line.expires_at ? h('span', { class: 'muted' }, ` until ${at(line.expires_at)}`) : ''),
    h('td', {}, line.accelerator_seconds ? duration(Math.abs(line.accelerator_seconds)) : ''),
    h('td', {}, line.runtime_type ?? ''),
    h('td', {}, line.reason ?? ''),
    h('td', {}, line.actor ?? ''));
}
