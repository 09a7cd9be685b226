import { describe, expect, it } from 'vitest';
import { TerminalText } from '../../../src/output/terminal-text';

describe('TerminalText', () => {
  it('appends plain text and reports the lines each chunk finished', () => {
    const text = new TerminalText();
    expect(text.write('a')).toBe('');
    expect(text.write('b\nc')).toBe('ab\n');
    expect(text.write('\n')).toBe('c\n');
    expect(text.text).toBe('ab\nc\n');
  });

  it('overwrites the current line after \\r, like a progress bar', () => {
    const text = new TerminalText();
    for (let i = 0; i <= 100; i += 10) text.write(`\r${i}%`);
    text.write('\ndone\n');
    expect(text.text).toBe('100%\ndone\n');
  });

  it('overwrites only as many columns as written, as a terminal does', () => {
    expect(new TerminalText('abcdef\rxy\n').text).toBe('xycdef\n');
  });

  it('keeps \\r\\n as a plain line end', () => {
    expect(new TerminalText('one\r\ntwo\r\n').text).toBe('one\ntwo\n');
  });

  it('deletes the character before the cursor on \\b', () => {
    expect(new TerminalText('abc\b\bX\n').text).toBe('aX\n');
    expect(new TerminalText('\b\bok').text).toBe('ok');
  });

  it('keeps a pending \\r so the next chunk still overwrites, and the text writes back the same', () => {
    const text = new TerminalText('step 1\r');
    expect(text.text).toBe('step 1\r');
    text.write('step 2');
    expect(text.text).toBe('step 2');
    const copy = new TerminalText(new TerminalText('abcdef\rxy').text);
    copy.write('Z');
    expect(copy.currentLine).toBe('xyZdef');
  });

  it('treats colour escapes as zero width and never splits them', () => {
    const text = new TerminalText('\x1b[31m10%\x1b[0m');
    text.write('\r\x1b[32m20%\x1b[0m\n');
    expect(text.finished).toContain('20%');
    expect(text.finished).not.toContain('10%');
  });

  it('joins an escape sequence cut between two chunks', () => {
    const text = new TerminalText();
    text.write('a\x1b[3');
    expect(text.currentLine).toBe('a');
    text.write('1mb');
    expect(text.text).toBe('a\x1b[31mb');
  });
});
