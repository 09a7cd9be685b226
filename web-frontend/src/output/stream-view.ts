/**
 * One stream output (stdout or stderr). Appending a chunk renders only the lines it
 * finished and the current line, so a long log grows without re-rendering.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { ansiFragment, sgrCarry } from './ansi';
import { TerminalText } from './terminal-text';

export class StreamView {
  readonly element: HTMLPreElement;
  private readonly terminal = new TerminalText();
  private readonly done = document.createElement('span');
  private readonly current = document.createElement('span');
  /** Colour state at the end of the finished lines. */
  private carry = '';

  constructor(readonly name: nbformat.StreamType, text: string) {
    this.element = document.createElement('pre');
    this.element.className = `jo-stream jo-stream-${name === 'stderr' ? 'stderr' : 'stdout'}`;
    this.element.append(this.done, this.current);
    this.append(text);
  }

  append(chunk: string): void {
    const finished = this.terminal.write(chunk);
    if (finished) {
      this.done.append(ansiFragment(this.carry + finished));
      this.carry = sgrCarry(this.carry, finished);
    }
    this.current.replaceChildren(ansiFragment(this.carry + this.terminal.currentLine));
  }

  toJSON(): nbformat.IStream {
    return { output_type: 'stream', name: this.name, text: this.terminal.text };
  }
}
