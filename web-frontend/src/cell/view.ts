import type { EditorView } from '@codemirror/view';
import type { KernelMessage } from '@jupyterlab/services';
import { OutputArea, renderMarkdown } from '../output';
import type { CellModel } from '../notebook/model';
import { FormView } from '../forms/form-view';
import type { EditorHost } from './editor';

type EditorModule = typeof import('./editor');
let editorModule: EditorModule | null = null;
let editorLoading: Promise<EditorModule> | null = null;

/** CodeMirror arrives in its own chunk, so the file browser and the first paint do not wait for it. */
export function loadEditor(): Promise<EditorModule> {
  editorLoading ??= import('./editor').then((module) => (editorModule = module));
  return editorLoading;
}

/** What a cell view reports to the notebook around it. */
export interface CellEvents extends Omit<EditorHost, 'language' | 'onChange' | 'onFocus'> {
  onSourceChange(cell: CellModel, source: string): void;
  onOutputsChange(cell: CellModel, outputs: CellModel['outputs']): void;
  onActivate(cell: CellModel, edit: boolean): void;
  /** Whether a form's change re-runs the cell: Colab's rule, if it ran in this kernel. */
  formMayRun(cell: CellModel): boolean;
  onFormRun(cell: CellModel): void;
}

/**
 * One cell on the page: prompt, source and outputs. The source shows as a plain `<pre>` in the
 * editor's font until the cell comes near the viewport or is clicked; only then is a CodeMirror
 * editor made, so a notebook of hundreds of cells opens quickly. A Markdown cell shows its rendered
 * form except while it is being edited.
 */
export class CellView {
  readonly element = document.createElement('div');
  private readonly prompt = document.createElement('div');
  private readonly input = document.createElement('div');
  private readonly outputHost = document.createElement('div');
  private readonly stdinHost = document.createElement('div');
  private staticSource: HTMLPreElement | null = null;
  private rendered: HTMLElement | null = null;
  private editor: EditorView | null = null;
  private outputArea: OutputArea | null = null;
  private form: FormView | null = null;
  private editing = false;
  private running = false;

  constructor(
    readonly cell: CellModel,
    private readonly events: CellEvents,
  ) {
    this.element.className = `cell cell-${cell.cellType}`;
    this.element.dataset.id = cell.id;
    this.prompt.className = 'prompt';
    this.input.className = 'input';
    this.outputHost.className = 'outputs';
    this.stdinHost.className = 'stdin';
    const body = document.createElement('div');
    body.className = 'body';
    if (cell.cellType === 'code') {
      // The Colab form (`//@param` lines) sits beside the code, hidden while the cell has none.
      this.form = new FormView({
        change: (change) => this.changeSource(change),
        mayRun: () => this.events.formMayRun(this.cell),
        run: () => this.events.onFormRun(this.cell),
      });
      this.form.update(cell.source);
      const source = document.createElement('div');
      source.className = 'source-row';
      source.append(this.input, this.form.element);
      body.append(source, this.stdinHost, this.outputHost);
    } else {
      body.append(this.input, this.stdinHost, this.outputHost);
    }
    this.element.append(this.prompt, body);
    this.element.addEventListener('mousedown', (event) => this.clicked(event));
    this.element.addEventListener('dblclick', () => {
      if (this.cell.cellType === 'markdown' && !this.editing) this.events.onActivate(this.cell, true);
    });
    if (cell.cellType === 'code') {
      this.outputArea = new OutputArea(this.outputHost);
      this.outputArea.setOutputs(cell.outputs);
      this.outputArea.onChange = () => this.events.onOutputsChange(this.cell, this.outputArea!.outputs);
    }
    this.updatePrompt();
    this.showSource();
  }

  get hasEditor(): boolean {
    return this.editor !== null;
  }

  get isEditing(): boolean {
    return this.editing;
  }

  setSelected(selected: boolean): void {
    this.element.classList.toggle('selected', selected);
  }

  /** Makes the CodeMirror editor now if the module is loaded, else once it is (near the viewport). */
  ensureEditor(): void {
    if (this.editor || (this.cell.cellType === 'markdown' && !this.editing)) return;
    if (!editorModule) {
      void loadEditor().then(() => this.ensureEditor());
      return;
    }
    const host: EditorHost = {
      language: this.cell.cellType === 'code' ? 'java' : this.cell.cellType === 'markdown' ? 'markdown' : 'text',
      kernel: this.events.kernel,
      onKey: (key, view) => this.events.onKey(key, view),
      onChange: (source) => {
        this.events.onSourceChange(this.cell, source);
        this.form?.update(source);
      },
      onFocus: () => this.events.onActivate(this.cell, true),
    };
    this.input.replaceChildren();
    this.staticSource = null;
    this.rendered = null;
    this.editor = editorModule.createEditor(this.input, this.cell.source, host);
  }

  /** Edit mode: the editor, focused (at the point clicked, if it was a click that asked). */
  async edit(at?: { x: number; y: number }): Promise<void> {
    this.editing = true;
    this.element.classList.add('editing');
    if (!this.editor) {
      await loadEditor();
      this.ensureEditor();
    }
    const editor = this.editor!;
    if (!editor.hasFocus) {
      const pos = at ? editor.posAtCoords(at) : null;
      editor.focus();
      if (pos !== null) editor.dispatch({ selection: { anchor: pos } });
    }
  }

  /** Back to command mode: a Markdown cell shows its rendered form again. */
  stopEditing(): void {
    this.editing = false;
    this.element.classList.remove('editing');
    this.editor?.contentDOM.blur();
    if (this.cell.cellType === 'markdown') this.showSource();
  }

  focusEditorAt(edge: 'start' | 'end'): void {
    if (!this.editor) return;
    const pos = edge === 'start' ? 0 : this.editor.state.doc.length;
    this.editor.dispatch({ selection: { anchor: pos } });
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.element.classList.toggle('running', running);
    this.updatePrompt();
  }

  updatePrompt(): void {
    if (this.cell.cellType !== 'code') {
      this.prompt.textContent = '';
      return;
    }
    this.prompt.textContent = this.running ? '[*]:' : `[${this.cell.executionCount ?? ' '}]:`;
  }

  clearOutputs(): void {
    this.outputArea?.clear();
    this.stdinHost.replaceChildren();
  }

  /** After the model's outputs changed from outside (clear all). */
  resetOutputs(): void {
    this.outputArea?.setOutputs(this.cell.outputs);
    this.updatePrompt();
  }

  handle(message: KernelMessage.IIOPubMessage): void {
    this.outputArea?.handle(message);
  }

  /** Shows the prompt of an input_request as a text box; Enter sends the answer. */
  askInput(prompt: string, password: boolean, reply: (value: string) => void): void {
    const label = document.createElement('label');
    label.textContent = prompt;
    const box = document.createElement('input');
    box.type = password ? 'password' : 'text';
    box.className = 'stdin-box';
    box.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key !== 'Enter') return;
      const echo = document.createElement('pre');
      echo.className = 'stdin-echo';
      echo.textContent = `${prompt}${password ? '········' : box.value}`;
      this.stdinHost.replaceChildren(echo);
      reply(box.value);
    });
    label.append(box);
    this.stdinHost.replaceChildren(label);
    box.focus();
  }

  /** Markdown cells: render again after the source changed (run). */
  render(): void {
    if (this.cell.cellType === 'markdown' && !this.editing) this.showSource();
  }

  dispose(): void {
    this.form?.dispose();
    this.editor?.destroy();
    this.editor = null;
  }

  /** A form's edit of the code: through the editor when there is one, so it is undoable like typing. */
  private changeSource(change: { from: number; to: number; insert: string }): void {
    this.ensureEditor();
    if (this.editor) {
      this.editor.dispatch({ changes: change, userEvent: 'input.form' });
      return;
    }
    // The editor's module is still loading: change the source as it shows now.
    const source = this.cell.source.slice(0, change.from) + change.insert + this.cell.source.slice(change.to);
    this.events.onSourceChange(this.cell, source);
    if (this.staticSource) this.staticSource.textContent = source || ' ';
    this.form?.update(source);
  }

  private showSource(): void {
    if (this.cell.cellType === 'markdown') {
      this.editor?.destroy();
      this.editor = null;
      this.rendered = this.cell.source.trim()
        ? renderMarkdown(this.cell.source)
        : Object.assign(document.createElement('div'), { className: 'markdown empty', textContent: 'Double-click (or Enter) to edit' });
      this.input.replaceChildren(this.rendered);
      return;
    }
    if (this.editor) return;
    this.staticSource = document.createElement('pre');
    this.staticSource.className = 'static-source';
    this.staticSource.textContent = this.cell.source || ' ';
    this.input.replaceChildren(this.staticSource);
  }

  private clicked(event: MouseEvent): void {
    const inInput = this.input.contains(event.target as Node);
    const editable = inInput && (this.cell.cellType !== 'markdown' || this.editing);
    this.events.onActivate(this.cell, editable);
    if (editable && !this.editor) {
      event.preventDefault();
      void this.edit({ x: event.clientX, y: event.clientY });
    }
  }
}
