import type * as nbformat from '@jupyterlab/nbformat';
import { accountBadge } from '../api/auth';
import { OutputArea, renderMarkdown } from '../output';
import { notebookUrl } from '../routes';
import { errorText, h } from '../ui/dom';
import { addComment, checkpointsOf, commentsOf, copyShare, openShare, restoreCheckpoint, takeCheckpoint, type CellComment } from './api';

const source = (cell: nbformat.ICell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);

/**
 * A notebook someone shared with you, as it was last saved, outputs included: read-only, with "Save a
 * copy" to run it in your own runtime, and the cells' comments for commenters and editors.
 */
export async function openShared(root: HTMLElement, ref: string): Promise<void> {
  const opened = await openShare(ref);
  const status = h('span', { class: 'save-state' });
  const copy = h('button', { class: 'save-copy', onclick: () => void saveCopy() }, 'Save a copy');
  async function saveCopy(): Promise<void> {
    copy.setAttribute('disabled', '');
    try {
      location.assign(notebookUrl((await copyShare(ref)).path));
    } catch (error) {
      status.textContent = errorText(error);
      copy.removeAttribute('disabled');
    }
  }
  const canComment = opened.role !== 'viewer';
  const comments = canComment ? await commentsOf(ref) : [];
  const cells = h('div', { class: 'shared-cells' });
  for (const cell of opened.notebook.content.cells) {
    cells.append(sharedCell(cell, canComment ? { ref, comments } : null));
  }
  root.replaceChildren(
    h(
      'header',
      { class: 'notebook-header' },
      h('a', { class: 'home', href: '/', title: 'Files' }, 'Jotter'),
      h('span', { class: 'title' }, opened.notebook.name),
      h('span', { class: 'shared-by' }, `shared by ${opened.owner} · you are ${opened.role}`),
      status,
      accountBadge() ?? '',
    ),
    h('div', { class: 'toolbar' }, copy, h('span', { class: 'hint' }, 'Read-only: run it in a copy of your own.')),
    cells,
    ...(opened.role === 'editor' ? [await historyPanel(ref, status)] : []),
  );
  document.title = `${opened.notebook.name} (shared) – Jotter`;
}

function sharedCell(cell: nbformat.ICell, commenting: { ref: string; comments: CellComment[] } | null): HTMLElement {
  const id = typeof cell.id === 'string' ? cell.id : '';
  const element = h('div', { class: `cell shared-cell cell-${cell.cell_type}`, 'data-id': id });
  if (cell.cell_type === 'markdown') {
    element.append(renderMarkdown(source(cell)));
  } else {
    element.append(h('pre', { class: 'shared-source' }, source(cell)));
    if (cell.cell_type === 'code') {
      const outputs = h('div', { class: 'outputs' });
      new OutputArea(outputs).setOutputs((cell as nbformat.ICodeCell).outputs);
      element.append(outputs);
    }
  }
  if (commenting && id) element.append(commentBox(commenting.ref, id, commenting.comments));
  return element;
}

function commentBox(ref: string, cellId: string, all: CellComment[]): HTMLElement {
  const list = h('ul', { class: 'comments' });
  const show = (comments: CellComment[]) =>
    list.replaceChildren(...comments.filter((c) => c.cell_id === cellId).map((c) => h('li', {}, h('b', {}, c.author), ' ', c.body)));
  show(all);
  const input = h('textarea', { class: 'comment-input', rows: '1', placeholder: 'Comment on this cell', 'aria-label': 'Comment on this cell' });
  const error = h('span', { class: 'comment-error' });
  const send = h('button', {
    onclick: async () => {
      if (!input.value.trim()) return;
      try {
        show(await addComment(ref, cellId, input.value));
        input.value = '';
        error.textContent = '';
      } catch (e) {
        error.textContent = errorText(e);
      }
    },
  }, 'Comment');
  return h('div', { class: 'cell-comments' }, list, input, send, error);
}

/** An editor's view of the notebook's checkpoints: take one, or put one back (what it replaces is kept). */
async function historyPanel(ref: string, status: HTMLElement): Promise<HTMLElement> {
  const list = h('ul', { class: 'checkpoints' });
  const panel = h('section', { class: 'history' }, h('h2', {}, 'History'), list);
  const act = async (change: () => Promise<unknown>, reload: boolean) => {
    try {
      await change();
      if (reload) location.reload();
      else await show();
    } catch (error) {
      status.textContent = errorText(error);
    }
  };
  async function show(): Promise<void> {
    const checkpoints = await checkpointsOf(ref);
    list.replaceChildren(
      ...checkpoints.map((checkpoint) => h('li', { 'data-checkpoint': checkpoint.id }, new Date(checkpoint.last_modified).toLocaleString(), ' ',
        h('button', { onclick: () => void act(() => restoreCheckpoint(ref, checkpoint.id), true) }, 'Restore'))),
      h('li', {}, h('button', { onclick: () => void act(() => takeCheckpoint(ref), false) }, 'Save a checkpoint')),
    );
  }
  await show();
  return panel;
}
