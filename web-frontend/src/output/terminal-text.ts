/**
 * Stream text as a terminal shows it, so progress bars work: `\r` returns to the
 * start of the line and what follows overwrites it, `\b` deletes the character
 * before the cursor, and ANSI escape sequences take no column.
 *
 * Finished lines (ending in `\n`) never change again, so a view can append them once
 * and re-render only the current line.
 */

/** A whole escape sequence: CSI (colours, cursor) or OSC (titles, hyperlinks). */
const ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\))/y;
/** An escape sequence cut off at the end of a chunk; the next chunk completes it. */
const CUT_ESCAPE = /\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?)?$/;

/** One column's character, or one whole escape sequence (no column). */
type Unit = string;

function isEscape(unit: Unit): boolean {
  return unit.charCodeAt(0) === 0x1b && unit.length > 1;
}

/** Splits text into units: characters (code points) and whole escape sequences. */
function units(text: string): Unit[] {
  const result: Unit[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) === 0x1b) {
      ESCAPE.lastIndex = i;
      const match = ESCAPE.exec(text);
      if (match) {
        result.push(match[0]);
        i += match[0].length;
        continue;
      }
    }
    const codePoint = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(codePoint);
    result.push(char);
    i += char.length;
  }
  return result;
}

export class TerminalText {
  private finishedText = '';
  private line = '';
  /** Cursor as a unit index into `line`; null when it is at the end (the usual case). */
  private cursor: number | null = null;
  private cut = '';

  constructor(text = '') {
    this.write(text);
  }

  /** Writes a chunk; returns the lines it finished (each ending in `\n`), or ''. */
  write(chunk: string): string {
    chunk = this.cut + chunk;
    const cut = CUT_ESCAPE.exec(chunk);
    this.cut = cut ? cut[0] : '';
    if (cut) chunk = chunk.slice(0, cut.index);

    const finished =
      this.cursor === null && !/[\r\b]/.test(chunk) ? this.append(chunk) : this.overwrite(chunk);
    this.finishedText += finished;
    return finished;
  }

  /** Lines that are done, each ending in `\n`. */
  get finished(): string {
    return this.finishedText;
  }

  /** The line being written (may be overwritten by a later `\r`). */
  get currentLine(): string {
    return this.line;
  }

  /**
   * The whole text, in a form that writes back to this same state: a cursor left
   * inside the line (after `\r`) is kept as `\r` plus the characters before it.
   */
  get text(): string {
    let tail = this.line;
    if (this.cursor !== null) {
      const before = units(this.line).slice(0, this.cursor).filter((u) => !isEscape(u));
      tail += '\r' + before.join('');
    }
    return this.finishedText + tail + this.cut;
  }

  /** Fast path: no `\r`/`\b` and the cursor at the end, so text only appends. */
  private append(chunk: string): string {
    const lastNewline = chunk.lastIndexOf('\n');
    if (lastNewline < 0) {
      this.line += chunk;
      return '';
    }
    const finished = this.line + chunk.slice(0, lastNewline + 1);
    this.line = chunk.slice(lastNewline + 1);
    return finished;
  }

  private overwrite(chunk: string): string {
    let line = units(this.line);
    let cursor = this.cursor ?? line.length;
    let finished = '';
    for (const unit of units(chunk)) {
      if (unit === '\n') {
        finished += line.join('') + '\n';
        line = [];
        cursor = 0;
      } else if (unit === '\r') {
        cursor = 0;
      } else if (unit === '\b') {
        const before = lastPrintableBefore(line, cursor);
        if (before >= 0) {
          line.splice(before, 1);
          cursor = before;
        }
      } else if (isEscape(unit)) {
        line.splice(cursor, 0, unit);
        cursor++;
      } else {
        while (cursor < line.length && isEscape(line[cursor])) cursor++;
        line[cursor] = unit;
        cursor++;
      }
    }
    this.line = line.join('');
    this.cursor = cursor >= line.length ? null : cursor;
    return finished;
  }
}

function lastPrintableBefore(line: Unit[], cursor: number): number {
  for (let i = cursor - 1; i >= 0; i--) {
    if (!isEscape(line[i])) return i;
  }
  return -1;
}
