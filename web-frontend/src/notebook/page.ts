import { accountBadge, signedInName } from '../api/auth';
import { CommentsPanel } from '../sharing/comments-panel';
import { SharePanel } from '../sharing/share-panel';
import type { Kernel } from '@jupyterlab/services';
import { contents } from '../api/connection';
import { getNotebook } from '../api/contents';
import { KERNEL_NAME, NotebookKernel, type KernelState } from '../kernel/session';
import { RuntimePanel } from '../runtime/panel';
import { ChangeRuntimeTypeDialog } from '../runtime/change-type';
import { CurrentRuntime } from '../runtime/current';
import { RuntimeAlert } from '../runtime/alert';
import { RunAsJobDialog } from '../jobs/run-dialog';
import { NotebookWidgets } from '../widgets';
import { choose, errorText, h } from '../ui/dom';
import { notebookUrl, treeUrl } from '../routes';
import type { Command } from './keys';
import { NotebookModel } from './model';
import { NotebookSaver, type SaveState } from './saver';
import { NotebookView } from './view';
import { formValues } from '../forms/annotations';

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  failed: 'Not saved',
  conflict: 'Changed elsewhere',
};

/** Opens the notebook at `path`: loads it, joins or starts its kernel, and shows toolbar and cells. */
export async function openNotebook(root: HTMLElement, path: string): Promise<void> {
  const file = await getNotebook(path);
  const model = NotebookModel.fromJSON(file.content);
  if (!model.metadata.kernelspec) {
    model.metadata.kernelspec = { name: KERNEL_NAME, display_name: 'Java', language: 'java' };
  }
  const kernel = new NotebookKernel(path);
  // Before the cells: their saved widget outputs need it.
  // What a widget's handler prints is a run's output: saved shortly after, as a run's is, so a save the page began
  // before it arrived does not leave the stored notebook without it.
  const widgets = new NotebookWidgets((cellId, message) => {
    view.appendOutput(cellId, message);
    saver.cellRan();
  });
  kernel.onKernelConnection = (connection) => widgets.setKernel(connection);
  const view = new NotebookView(model, kernel);
  const comments = signedInName()
    ? new CommentsPanel(() => saver.path, () => model.cells, (index) => (model.select(index), view.focus()))
    : null;
  const reopen = (target: string) => location.assign(notebookUrl(target));
  const saver = new NotebookSaver(path, file.version, model, conflictDialog, reopen);

  const title = h('button', { class: 'title', title: 'Rename' }, file.name);
  // Sharing needs accounts: a single-user server has nobody to share with.
  const sharing = signedInName() ? new SharePanel(() => saver.path) : null;
  const saveState = h('span', { class: 'save-state' }, SAVE_LABELS.saved);
  const kernelState = h('span', { class: 'kernel-state', 'data-state': 'starting' }, 'Connecting…');
  const banner = h('div', { class: 'banner', hidden: '' });
  const restart = async (thenRunAll = false) => {
    const answer = await choose('Restart the kernel?', 'All variables will be lost.', [
      { label: 'Restart', value: 'yes' },
      { label: 'Cancel', value: 'no' },
    ]);
    if (answer !== 'yes') return;
    await kernel.restart();
    view.resetOutputs();
    if (thenRunAll) view.runRange(0, model.cells.length);
  };
  const current = new CurrentRuntime();
  const runtimeType = h('button', { class: 'runtime-type-badge', title: 'Runtime type (click to change)', 'aria-label': 'Runtime type' }, '…');
  const changeType = () => void new ChangeRuntimeTypeDialog({
    currentType: () => current.typeName,
    kernelName: () => kernel.kernel?.name ?? KERNEL_NAME,
    switchTo: (id) => kernel.switchTo(id),
  }, () => {
    runtimeAlert.hide();
    void refreshRuntime();
  }).open();
  runtimeType.addEventListener('click', changeType);
  const runAsJob = () => new RunAsJobDialog({
    path: () => saver.path,
    currentType: () => current.typeName,
    hasParametersCell: () => model.cells.some((cell) => Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes('parameters')),
    formValues: () => formValues(model.cells.filter((cell) => cell.cellType === 'code').map((cell) => cell.source)),
    save: async () => {
      await saver.save();
      return !model.dirty;
    },
  }).open();
  const runtime = new RuntimePanel(kernel, () => void restart(), current, changeType);
  const connect = async () => {
    try {
      await kernel.connect();
      await refreshRuntime();
    } catch (error) {
      widgets.setKernel(null);
      kernelState.textContent = 'No kernel';
      kernelState.dataset.state = 'dead';
      void current.refresh(null);
      runtimeAlert.failed(errorText(error));
    }
  };
  const runtimeAlert = new RuntimeAlert(() => saver.save(), () => void connect());
  const refreshRuntime = async () => {
    try {
      await current.refresh(kernel.kernel?.id ?? null);
    } catch (error) {
      runtimeType.textContent = 'Runtime: unknown';
      runtimeType.title = `Could not read this runtime's type: ${errorText(error)}`;
    }
  };
  current.onChange = (info) => {
    runtimeType.textContent = info.runtime ? current.label : 'No runtime';
    runtimeType.dataset.kind = info.type?.kind ?? '';
    runtimeType.title = 'Runtime type (click to change)';
  };

  const button = (label: string, titleText: string, action: () => void) =>
    h('button', { title: titleText, 'aria-label': titleText, onclick: () => (action(), view.model.mode === 'command' && view.focus()) }, label);
  const command = (label: string, titleText: string, name: Command) => button(label, titleText, () => view.command(name));
  const cellType = h('select', { title: 'Cell type' }, h('option', { value: 'code' }, 'Code'), h('option', { value: 'markdown' }, 'Markdown'), h('option', { value: 'raw' }, 'Raw'));
  cellType.addEventListener('change', () => {
    model.setType(cellType.value as 'code' | 'markdown' | 'raw');
    view.focus();
  });
  const runMenu = h(
    'details',
    { class: 'menu' },
    h('summary', {}, 'Run ▾'),
    h(
      'div',
      { class: 'menu-items' },
      button('Run all', 'Run every cell', () => view.runRange(0, model.cells.length)),
      button('Run above', 'Run the cells above this one', () => view.runRange(0, model.activeIndex)),
      button('Run below', 'Run this cell and those below', () => view.runRange(model.activeIndex, model.cells.length)),
      button('Restart and run all', 'Restart the kernel, then run every cell', () => void restart(true)),
      button('Run as job…', 'Run the saved notebook top to bottom on a runtime of its own', () => void runAsJob()),
      button('Clear outputs', 'Clear every output', () => {
        model.clearAllOutputs();
        view.resetOutputs();
      }),
    ),
  );
  runMenu.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).tagName === 'BUTTON') runMenu.open = false;
  });

  const toolbar = h(
    'div',
    { class: 'toolbar' },
    button('Save', 'Save (Ctrl+S)', () => void saver.save()),
    command('+ Code', 'Insert a code cell below (B)', 'insert-below'),
    button('+ Text', 'Insert a Markdown cell below', () => {
      model.insertBelow();
      model.setType('markdown');
      model.setMode('edit');
    }),
    command('Cut', 'Cut (X)', 'cut'),
    command('Copy', 'Copy (C)', 'copy'),
    command('Paste', 'Paste below (V)', 'paste-below'),
    button('↑', 'Move up', () => model.move(-1)),
    button('↓', 'Move down', () => model.move(1)),
    command('Delete', 'Delete (D D)', 'delete'),
    command('Undo', 'Undo delete (Z)', 'undo-delete'),
    cellType,
    command('▶ Run', 'Run this cell and go on (Shift+Enter)', 'run-advance'),
    runMenu,
    command('■', 'Interrupt (I I)', 'interrupt'),
    button('↻', 'Restart (0 0)', () => void restart()),
    h('span', { class: 'spacer' }),
    kernelState,
    runtimeType,
    button('Runtime', 'Which runtime this notebook runs on', () => runtime.toggle()),
    ...(sharing ? [button('Share', 'Share this notebook', () => void sharing.toggle())] : []),
    ...(comments ? [button('Comments', 'Comments on this notebook\'s cells', () => void comments.toggle())] : []),
  );
  const header = h(
    'header',
    { class: 'notebook-header' },
    h('a', { class: 'home', href: treeUrl(path.split('/').slice(0, -1).join('/')), title: 'Files' }, 'Jotter'),
    title,
    saveState,
    accountBadge() ?? '',
  );
  const main = h('div', { class: 'notebook-main' }, view.element, runtime.element, sharing?.element ?? '', comments?.element ?? '');
  root.replaceChildren(header, toolbar, runtimeAlert.element, banner, main);
  document.title = `${file.name} – Jotter`;

  title.addEventListener('click', async () => {
    const name = prompt('Rename notebook', saver.path.split('/').pop());
    if (!name || name === title.textContent) return;
    const dir = saver.path.split('/').slice(0, -1);
    const target = [...dir, name.endsWith('.ipynb') ? name : `${name}.ipynb`].join('/');
    try {
      await contents.rename(saver.path, target);
      saver.path = target;
      kernel.rename(target);
      title.textContent = target.split('/').pop()!;
      history.replaceState(null, '', notebookUrl(target));
    } catch (error) {
      alert(`Could not rename: ${errorText(error)}`);
    }
  });

  saver.onState = (state, detail) => {
    saveState.textContent = state === 'failed' ? `${SAVE_LABELS.failed}: ${detail}` : SAVE_LABELS[state];
    saveState.dataset.state = state;
  };
  const previousOnChange = model.onChange;
  model.onChange = (change) => {
    previousOnChange?.(change);
    if (change.kind === 'dirty' && change.dirty && saveState.dataset.state !== 'saving') {
      saver.onState?.('unsaved');
    }
    if (change.kind === 'select' || change.kind === 'type') cellType.value = model.activeCell.cellType;
  };
  view.onSave = () => void saver.save();
  view.onRun = () => saver.cellRan();
  view.onRestart = () => void restart();

  let everConnected = false;
  kernel.onOtherRun = (cellId, message) => view.followRun(cellId, message);
  kernel.onKernelChanged = () => void refreshRuntime();
  kernel.onNotice = (text) => {
    if (runtimeAlert.notice(text) === 'stopped') kernel.forget();
  };
  kernel.onStatus = (status: KernelState) => {
    kernelState.dataset.state = status;
    kernelState.textContent = status === 'no kernel' ? 'No kernel' : `Java: ${status}`;
    runtime.kernelStatus(status);
  };
  kernel.onConnection = (status: Kernel.ConnectionStatus) => {
    runtime.connectionStatus(status);
    if (status === 'connected') {
      everConnected = true;
      banner.hidden = true;
    } else if (everConnected && kernel.kernel) {
      banner.hidden = false;
      banner.textContent =
        status === 'connecting'
          ? 'Connection lost. Reconnecting… (outputs that arrive meanwhile are kept and shown when it is back)'
          : 'Offline. Retrying every few seconds…';
    }
  };
  window.addEventListener('offline', () => kernel.onConnection?.('connecting'));
  window.addEventListener('beforeunload', (event) => {
    if (model.dirty) event.preventDefault();
  });

  view.focus();
  await connect();
}

async function conflictDialog(version: number): Promise<'reload' | 'copy'> {
  return choose(
    'This notebook was changed elsewhere',
    `Someone saved it since you opened it (it is now at version ${version}). Nothing was overwritten. ` +
      'Reload their version (your unsaved changes are lost), or keep yours as a copy?',
    [
      { label: 'Reload theirs', value: 'reload' },
      { label: 'Keep mine as a copy', value: 'copy' },
    ],
  );
}
