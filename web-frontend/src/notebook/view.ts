import type { EditorView } from '@codemirror/view';
import type { KernelMessage } from '@jupyterlab/services';
import { CellView, loadEditor, type CellEvents } from '../cell/view';
import type { NotebookKernel } from '../kernel/session';
import { commandFor, type Command, type KeyMemory } from './keys';
import type { CellModel, ModelChange, NotebookModel } from './model';

/** Cells this far outside the viewport already get their editor. */
const NEAR_VIEWPORT = '400px 0px';

/**
 * The cells of a notebook on the page, and Jupyter's command and edit modes over them. It follows
 * the model's changes one cell at a time (never redrawing the notebook), and runs cells on the kernel.
 */
export class NotebookView {
  readonly element = document.createElement('div');
  private readonly views = new Map<string, CellView>();
  private readonly observer: IntersectionObserver;
  private readonly keyMemory: { last: KeyMemory | null } = { last: null };
  private readonly pendingEditors = new Set<CellView>();
  private editorFrame = 0;
  /** The kernel each cell last ran on since the outputs were reset: a form re-runs only such a cell. */
  private readonly ranOn = new Map<string, string>();
  onRun: (() => void) | null = null;
  onSave: (() => void) | null = null;
  onRestart: (() => void) | null = null;

  constructor(
    readonly model: NotebookModel,
    private readonly kernel: NotebookKernel,
  ) {
    this.element.className = 'notebook';
    this.element.tabIndex = -1;
    this.observer = new IntersectionObserver((entries) => this.nearViewport(entries), { rootMargin: NEAR_VIEWPORT });
    const fragment = document.createDocumentFragment();
    for (const cell of model.cells) fragment.append(this.createView(cell).element);
    this.element.append(fragment);
    this.viewAt(model.activeIndex)?.setSelected(true);
    model.onChange = (change) => this.changed(change);
    this.element.addEventListener('keydown', (event) => this.keydown(event));
    if (model.cells.some((cell) => cell.cellType === 'code')) void loadEditor();
  }

  focus(): void {
    this.element.focus({ preventScroll: true });
  }

  dispose(): void {
    this.observer.disconnect();
    for (const view of this.views.values()) view.dispose();
  }

  viewAt(index: number): CellView | undefined {
    const cell = this.model.cells[index];
    return cell ? this.views.get(cell.id) : undefined;
  }

  run(command: 'run' | 'run-advance' | 'run-insert'): void {
    const index = this.model.activeIndex;
    this.runCell(index);
    if (command === 'run') {
      if (this.model.activeCell.cellType === 'markdown') this.model.setMode('command');
      return;
    }
    if (command === 'run-insert' || index === this.model.cells.length - 1) {
      this.model.insert(index + 1);
      this.model.setMode('edit');
      void this.viewAt(index + 1)?.edit();
    } else {
      this.model.setMode('command');
      this.model.select(index + 1);
    }
  }

  runRange(from: number, to: number): void {
    for (let i = from; i < to; i++) this.runCell(i);
  }

  runCell(index: number): void {
    const cell = this.model.cells[index];
    const view = this.views.get(cell.id);
    if (!view) return;
    if (cell.cellType === 'markdown') {
      view.stopEditing();
      return;
    }
    if (cell.cellType !== 'code') return;
    view.clearOutputs();
    this.model.setOutputs(index, []);
    if (!cell.source.trim()) return;
    view.setRunning(true);
    const kernelId = this.kernel.kernel?.id;
    if (kernelId) this.ranOn.set(cell.id, kernelId);
    this.kernel.run(cell.id, cell.source, {
      onStart: (count) => {
        cell.executionCount = count;
        this.model.markDirty();
      },
      onIOPub: (message) => view.handle(message),
      onInput: (request, reply) => view.askInput(request.content.prompt, request.content.password, reply),
      onDone: (reply) => {
        if (reply && reply.status !== 'aborted') cell.executionCount = reply.execution_count;
        view.setRunning(false);
        this.model.markDirty();
        this.onRun?.();
      },
    });
    this.onRun?.();
  }

  /** Shows a run of one of this notebook's cells that another tab started (or one since closed). */
  followRun(cellId: string, message: KernelMessage.IIOPubMessage): void {
    const index = this.model.cells.findIndex((c) => c.id === cellId);
    const view = this.views.get(cellId);
    if (index < 0 || !view) return;
    const cell = this.model.cells[index];
    if (message.header.msg_type === 'execute_input') {
      view.clearOutputs();
      this.model.setOutputs(index, []);
      cell.executionCount = (message.content as KernelMessage.IExecuteInputMsg['content']).execution_count;
      view.setRunning(true);
    } else if (message.header.msg_type === 'status') {
      if ((message.content as KernelMessage.IStatusMsg['content']).execution_state === 'idle') view.setRunning(false);
    } else {
      view.handle(message);
    }
  }

  /** Adds output to a cell outside a run of it (a widget's click handler printing), saved with the cell. */
  appendOutput(cellId: string, message: KernelMessage.IIOPubMessage): void {
    this.views.get(cellId)?.handle(message);
  }

  /** The notebook's Jupyter commands, from keys or the toolbar. */
  command(command: Command): void {
    const model = this.model;
    switch (command) {
      case 'edit':
        model.setMode('edit');
        break;
      case 'run':
      case 'run-advance':
      case 'run-insert':
        this.run(command);
        break;
      case 'insert-above':
        model.insertAbove();
        break;
      case 'insert-below':
        model.insertBelow();
        break;
      case 'delete':
        model.delete();
        break;
      case 'undo-delete':
        model.undoDelete();
        break;
      case 'to-markdown':
        model.setType('markdown');
        break;
      case 'to-code':
        model.setType('code');
        break;
      case 'to-raw':
        model.setType('raw');
        break;
      case 'cut':
        model.cut();
        break;
      case 'copy':
        model.copy();
        break;
      case 'paste-below':
        model.pasteBelow();
        break;
      case 'paste-above':
        model.pasteAbove();
        break;
      case 'select-previous':
        model.select(model.activeIndex - 1);
        break;
      case 'select-next':
        model.select(model.activeIndex + 1);
        break;
      case 'interrupt':
        void this.kernel.interrupt();
        break;
      case 'restart':
        this.onRestart?.();
        break;
      case 'save':
        this.onSave?.();
        break;
    }
  }

  /** After "clear outputs" or a restart. */
  resetOutputs(): void {
    this.ranOn.clear();
    for (const view of this.views.values()) {
      view.setRunning(false);
      view.resetOutputs();
    }
  }

  private cellEvents(): CellEvents {
    return {
      kernel: this.kernel,
      onKey: (key, editor) => this.editorKey(key, editor),
      onSourceChange: (cell, source) => {
        const index = this.model.activeCell.id === cell.id ? this.model.activeIndex : this.model.indexOf(cell.id);
        if (index >= 0) this.model.setSource(index, source);
      },
      onOutputsChange: (cell, outputs) => {
        cell.outputs = outputs;
        this.model.markDirty();
      },
      // Colab's choice: a slider, dropdown or checkbox re-runs a cell already run in this kernel.
      formMayRun: (cell) => this.kernel.kernel !== null && this.ranOn.get(cell.id) === this.kernel.kernel.id,
      onFormRun: (cell) => {
        const index = this.model.indexOf(cell.id);
        if (index >= 0) this.runCell(index);
      },
      onActivate: (cell, edit) => {
        const index = this.model.activeCell.id === cell.id ? this.model.activeIndex : this.model.indexOf(cell.id);
        if (index < 0) return;
        this.model.select(index);
        this.model.setMode(edit ? 'edit' : 'command');
      },
    };
  }

  private editorKey(key: Parameters<CellEvents['onKey']>[0], _editor: EditorView): boolean {
    switch (key) {
      case 'Shift-Enter':
        this.run('run-advance');
        return true;
      case 'Mod-Enter':
        this.run('run');
        return true;
      case 'Alt-Enter':
        this.run('run-insert');
        return true;
      case 'Escape':
        this.model.setMode('command');
        return true;
      case 'ArrowUp':
      case 'ArrowDown': {
        const next = this.model.activeIndex + (key === 'ArrowUp' ? -1 : 1);
        if (next < 0 || next >= this.model.cells.length) return false;
        this.model.select(next);
        const view = this.viewAt(next);
        if (view && view.cell.cellType !== 'markdown') {
          void view.edit().then(() => view.focusEditorAt(key === 'ArrowUp' ? 'end' : 'start'));
        } else {
          this.model.setMode('command');
        }
        return true;
      }
    }
  }

  private keydown(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      this.onSave?.();
      return;
    }
    if (this.model.mode !== 'command') return;
    const target = event.target as HTMLElement;
    // Keys pressed in a widget (a slider's arrows, a button's Enter) are the widget's.
    if (target.closest('input, textarea, select, [contenteditable="true"], .jupyter-widgets')) return;
    const command = commandFor(event, this.keyMemory, performance.now());
    if (!command) return;
    event.preventDefault();
    this.command(command);
  }

  private changed(change: ModelChange): void {
    switch (change.kind) {
      case 'insert': {
        const before = this.viewAt(change.index + change.cells.length)?.element ?? null;
        const fragment = document.createDocumentFragment();
        for (const cell of change.cells) fragment.append(this.createView(cell).element);
        this.element.insertBefore(fragment, before);
        break;
      }
      case 'remove':
        for (const cell of change.cells) this.removeView(cell.id);
        break;
      case 'move': {
        const view = this.viewAt(change.to)!;
        const after = this.viewAt(change.to + 1)?.element ?? null;
        this.element.insertBefore(view.element, after);
        view.element.scrollIntoView({ block: 'nearest' });
        break;
      }
      case 'type': {
        const cell = this.model.cells[change.index];
        const old = this.views.get(cell.id)!;
        const replacement = this.createView(cell);
        old.element.replaceWith(replacement.element);
        this.removeView(cell.id, old);
        this.views.set(cell.id, replacement);
        replacement.setSelected(change.index === this.model.activeIndex);
        break;
      }
      case 'select': {
        const previous = change.previous >= 0 ? this.viewAt(change.previous) : undefined;
        for (const view of previous ? [previous] : this.views.values()) {
          view.setSelected(false);
          if (view.isEditing) view.stopEditing();
        }
        const current = this.viewAt(change.current);
        current?.setSelected(true);
        current?.element.scrollIntoView({ block: 'nearest' });
        if (this.model.mode === 'command') this.focus();
        break;
      }
      case 'mode': {
        const view = this.viewAt(this.model.activeIndex);
        if (change.mode === 'edit') {
          void view?.edit();
        } else {
          view?.stopEditing();
          this.focus();
        }
        break;
      }
      case 'dirty':
        break;
    }
  }

  private createView(cell: CellModel): CellView {
    const view = new CellView(cell, this.cellEvents());
    this.views.set(cell.id, view);
    this.observer.observe(view.element);
    return view;
  }

  private removeView(id: string, view = this.views.get(id)): void {
    if (!view) return;
    this.observer.unobserve(view.element);
    this.pendingEditors.delete(view);
    view.element.remove();
    view.dispose();
    if (this.views.get(id) === view) this.views.delete(id);
  }

  private nearViewport(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const view = this.views.get((entry.target as HTMLElement).dataset.id ?? '');
      if (!view || view.hasEditor || view.cell.cellType === 'markdown') continue;
      if (entry.isIntersecting) this.pendingEditors.add(view);
      else this.pendingEditors.delete(view);
    }
    this.scheduleEditors();
  }

  /** Makes waiting editors a few milliseconds' worth per frame, so scrolling and typing stay smooth. */
  private scheduleEditors(): void {
    if (this.editorFrame || this.pendingEditors.size === 0) return;
    this.editorFrame = requestAnimationFrame(() => {
      this.editorFrame = 0;
      void loadEditor().then(() => {
        const start = performance.now();
        for (const view of this.pendingEditors) {
          this.pendingEditors.delete(view);
          view.ensureEditor();
          if (performance.now() - start > 8) break;
        }
        this.scheduleEditors();
      });
    });
  }
}
