import type { CellModel } from '../notebook/model';
import { errorText, h } from '../ui/dom';
import { addOwnComment, ownComments, type CellComment } from './api';

/**
 * The owner's view of the comments on their notebook's cells (left by commenters and editors it is
 * shared with, and by the owner): grouped by cell, in the notebook's order, with a reply box on each.
 */
export class CommentsPanel {
  readonly element = h('aside', { class: 'comments-panel', hidden: '', 'aria-label': 'Comments on this notebook' });

  constructor(
    private readonly path: () => string,
    private readonly cells: () => CellModel[],
    private readonly showCell: (index: number) => void,
  ) {}

  async toggle(): Promise<void> {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) await this.refresh();
  }

  private async refresh(): Promise<void> {
    try {
      this.render(await ownComments(this.path()));
    } catch (error) {
      this.element.replaceChildren(h('h2', {}, 'Comments'), h('p', { class: 'share-status' }, errorText(error)));
    }
  }

  private render(comments: CellComment[]): void {
    const cells = this.cells();
    const threads = cells
      .map((cell, index) => ({ cell, index, comments: comments.filter((c) => c.cell_id === cell.id) }))
      .filter((thread) => thread.comments.length > 0);
    this.element.replaceChildren(
      h('h2', {}, 'Comments'),
      ...(threads.length === 0 ? [h('p', { class: 'empty' }, 'No comments yet. People you share this notebook with as commenter or editor can leave some.')] : []),
      ...threads.map((thread) => this.thread(thread.cell, thread.index, thread.comments)),
    );
  }

  private thread(cell: CellModel, index: number, comments: CellComment[]): HTMLElement {
    const first = cell.source.split('\n')[0]?.slice(0, 60) ?? '';
    const reply = h('textarea', { class: 'comment-input', rows: '1', placeholder: 'Reply', 'aria-label': 'Reply' });
    const error = h('span', { class: 'comment-error' });
    return h(
      'section',
      { class: 'comment-thread', 'data-cell': cell.id },
      h('a', { href: '#', class: 'comment-cell', onclick: (event) => (event.preventDefault(), this.showCell(index)) }, `Cell ${index + 1}: ${first}`),
      h('ul', { class: 'comments' }, ...comments.map((c) => h('li', {}, h('b', {}, c.author), ' ', c.body))),
      reply,
      h('button', {
        onclick: async () => {
          if (!reply.value.trim()) return;
          try {
            this.render(await addOwnComment(this.path(), cell.id, reply.value));
          } catch (e) {
            error.textContent = errorText(e);
          }
        },
      }, 'Reply'),
      error,
    );
  }
}
