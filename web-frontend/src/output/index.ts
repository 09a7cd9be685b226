// A minimal stand-in for the output module: it is replaced by the real one (rich MIME types, ANSI,
// Markdown with math) when that branch is merged. Same API; text/plain and streams only.
import type * as nbformat from '@jupyterlab/nbformat';
import type { KernelMessage } from '@jupyterlab/services';

function text(value: unknown): string {
  return Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '';
}

export class OutputArea {
  private list: nbformat.IOutput[] = [];
  onChange: (() => void) | null = null;

  constructor(private readonly host: HTMLElement) {}

  setOutputs(outputs: nbformat.IOutput[]): void {
    this.list = [...outputs];
    this.render();
  }

  get outputs(): nbformat.IOutput[] {
    return this.list;
  }

  handle(message: KernelMessage.IIOPubMessage): void {
    const content = message.content as Record<string, unknown>;
    switch (message.header.msg_type) {
      case 'stream': {
        const last = this.list[this.list.length - 1];
        if (last && last.output_type === 'stream' && last.name === content.name) {
          last.text = text(last.text) + text(content.text);
        } else {
          this.list.push({ output_type: 'stream', name: content.name as string, text: text(content.text) });
        }
        break;
      }
      case 'execute_result':
      case 'display_data':
        this.list.push({ output_type: message.header.msg_type, ...content } as nbformat.IOutput);
        break;
      case 'error':
        this.list.push({ output_type: 'error', ...content } as nbformat.IOutput);
        break;
      case 'clear_output':
        this.list = [];
        break;
      default:
        return;
    }
    this.render();
    this.onChange?.();
  }

  clear(): void {
    this.list = [];
    this.render();
    this.onChange?.();
  }

  private render(): void {
    this.host.replaceChildren(
      ...this.list.map((output) => {
        const pre = document.createElement('pre');
        pre.className = 'output';
        if (output.output_type === 'stream') pre.textContent = text(output.text);
        else if (output.output_type === 'error') pre.textContent = (output.traceback as string[]).join('\n').replace(/\x1b\[[0-9;]*m/g, '');
        else pre.textContent = text((output.data as Record<string, unknown> | undefined)?.['text/plain']);
        return pre;
      }),
    );
  }
}

export function renderMarkdown(source: string): HTMLElement {
  const div = document.createElement('div');
  div.className = 'markdown';
  const pre = document.createElement('pre');
  pre.textContent = source;
  div.append(pre);
  return div;
}
