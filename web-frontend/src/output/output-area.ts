/**
 * One code cell's outputs: the nbformat outputs (what is saved) and their views
 * (what is shown), kept in step as iopub messages arrive, as JupyterLab's
 * OutputArea does. The host element belongs to the area.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import type { KernelMessage } from '@jupyterlab/services';
import { ansiBlock } from './ansi';
import { renderMimeBundle } from './mime-bundle';
import { notice } from './notice';
import { StreamView } from './stream-view';

/** One output as shown. */
interface View {
  readonly element: HTMLElement;
  /** Set for streams, which grow in place. */
  readonly stream?: StreamView;
  /** The output as saved (a copy). */
  toJSON(): nbformat.IOutput;
}

interface Shown extends View {
  /** `transient.display_id` from display_data: in memory only, never saved. */
  readonly displayId?: string;
}

type IOPubContent = KernelMessage.IIOPubMessage['content'];
type Handler = (content: IOPubContent) => void;

export class OutputArea {
  /** Called when outputs change (the notebook becomes dirty); not by setOutputs. */
  onChange: (() => void) | null = null;

  private shown: Shown[] = [];
  /** clear_output(wait=true) arrived: clear when the next output does. */
  private clearBeforeNext = false;

  private readonly handlers: Partial<Record<KernelMessage.IOPubMessageType, Handler>> = {
    stream: (content) => this.stream(content as KernelMessage.IStreamMsg['content']),
    display_data: (content) => this.display(content as KernelMessage.IDisplayDataMsg['content']),
    execute_result: (content) => this.result(content as KernelMessage.IExecuteResultMsg['content']),
    error: (content) => this.error(content as KernelMessage.IErrorMsg['content']),
    update_display_data: (content) =>
      this.update(content as KernelMessage.IUpdateDisplayDataMsg['content']),
    clear_output: (content) => this.clearOutput(content as KernelMessage.IClearOutputMsg['content']),
  };

  constructor(private readonly host: HTMLElement) {
    host.classList.add('jo-output-area');
  }

  /** Replaces everything shown (opening a notebook, undo, reload). Does not call onChange. */
  setOutputs(outputs: nbformat.IOutput[]): void {
    this.removeAll();
    for (const output of outputs) this.add(copy(output));
  }

  /** The outputs as they are now, for saving (copies; streams with their text joined). */
  get outputs(): nbformat.IOutput[] {
    return this.shown.map((shown) => shown.toJSON());
  }

  /** Applies one iopub message of the cell's run; types other than outputs are ignored. */
  handle(message: KernelMessage.IIOPubMessage): void {
    this.handlers[message.header.msg_type]?.(message.content);
  }

  /** Clears outputs (the user clicked "clear", or the cell is run again). */
  clear(): void {
    this.clearBeforeNext = false;
    if (this.shown.length === 0) return;
    this.removeAll();
    this.changed();
  }

  private stream(content: KernelMessage.IStreamMsg['content']): void {
    this.flushClear();
    this.add({ output_type: 'stream', name: content.name, text: content.text });
    this.changed();
  }

  private display(content: KernelMessage.IDisplayDataMsg['content']): void {
    this.flushClear();
    const { data, metadata } = content;
    this.add({ output_type: 'display_data', data, metadata }, content.transient?.display_id);
    this.changed();
  }

  private result(content: KernelMessage.IExecuteResultMsg['content']): void {
    this.flushClear();
    const { data, metadata, execution_count } = content;
    this.add({ output_type: 'execute_result', execution_count, data, metadata });
    this.changed();
  }

  private error(content: KernelMessage.IErrorMsg['content']): void {
    this.flushClear();
    const { ename, evalue, traceback } = content;
    this.add({ output_type: 'error', ename, evalue, traceback });
    this.changed();
  }

  /** Replaces, in place, every output shown with that display id; nothing else. */
  private update(content: KernelMessage.IUpdateDisplayDataMsg['content']): void {
    const id = content.transient?.display_id;
    if (!id) return;
    let updated = false;
    this.shown = this.shown.map((shown) => {
      if (shown.displayId !== id) return shown;
      const output: nbformat.IDisplayData = {
        output_type: 'display_data',
        data: content.data,
        metadata: content.metadata,
      };
      const replacement = { ...view(copy(output)), displayId: id };
      shown.element.replaceWith(replacement.element);
      updated = true;
      return replacement;
    });
    if (updated) this.changed();
  }

  private clearOutput(content: KernelMessage.IClearOutputMsg['content']): void {
    if (content.wait) this.clearBeforeNext = true;
    else this.clear();
  }

  private flushClear(): void {
    if (!this.clearBeforeNext) return;
    this.clearBeforeNext = false;
    this.removeAll();
  }

  /** Shows an output, merging a stream into the stream just before it of the same name. */
  private add(output: nbformat.IOutput, displayId?: string): void {
    const last = this.shown[this.shown.length - 1];
    if (output.output_type === 'stream' && last?.stream && last.stream.name === output['name']) {
      last.stream.append(joined(output['text']));
      return;
    }
    const shown: Shown = { ...view(output), displayId };
    this.host.append(shown.element);
    this.shown.push(shown);
  }

  private removeAll(): void {
    for (const shown of this.shown) shown.element.remove();
    this.shown = [];
  }

  private changed(): void {
    this.onChange?.();
  }
}

/** The view of one output, wrapped in a `div.jo-output` that says its type. */
function view(output: nbformat.IOutput): View {
  const element = document.createElement('div');
  element.className = `jo-output jo-output-${output.output_type}`;
  switch (output.output_type) {
    case 'stream': {
      const name = output['name'] === 'stderr' ? 'stderr' : 'stdout';
      const stream = new StreamView(name, joined(output['text']));
      element.append(stream.element);
      return { element, stream, toJSON: () => stream.toJSON() };
    }
    case 'display_data':
    case 'execute_result': {
      const bundle = output as nbformat.IDisplayData | nbformat.IExecuteResult;
      element.append(renderMimeBundle(bundle.data ?? {}, bundle.metadata ?? {}));
      return { element, toJSON: () => copy(output) };
    }
    case 'error':
      element.append(errorView(output as nbformat.IError));
      return { element, toJSON: () => copy(output) };
    default:
      element.append(notice(`This notebook has an output of a kind Jotter does not show (${output.output_type}).`));
      return { element, toJSON: () => copy(output) };
  }
}

/** `ename: evalue`, then the traceback in its ANSI colours. */
function errorView(error: nbformat.IError): HTMLElement {
  const element = document.createElement('div');
  element.className = 'jo-error';
  const title = document.createElement('div');
  title.className = 'jo-error-title';
  title.textContent = error.evalue ? `${error.ename}: ${error.evalue}` : error.ename;
  element.append(title);
  const traceback = error.traceback ?? [];
  if (traceback.length > 0) element.append(ansiBlock(traceback.join('\n'), 'jo-traceback'));
  return element;
}

function joined(text: unknown): string {
  if (typeof text === 'string') return text;
  return Array.isArray(text) ? text.join('') : '';
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
