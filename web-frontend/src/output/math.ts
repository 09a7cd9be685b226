/**
 * TeX math with KaTeX: a markdown-it plugin for `$...$` (inline) and `$$...$$`
 * (display, inline or as a block), and `text/latex` outputs.
 *
 * KaTeX escapes what it renders and, with `trust: false`, refuses `\href`, `\url`,
 * `\includegraphics` and `\htmlClass`-style commands, so its HTML is safe to insert.
 */
import katex from 'katex';
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';

export function texToHtml(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    output: 'htmlAndMathml',
  });
}

/** A `text/latex` output: math wrapped in `$`, `$$`, `\[..\]` or bare (an environment). */
export function latexElement(source: string): HTMLElement {
  const tex = source
    .trim()
    .replace(/^\$\$([\s\S]*)\$\$$/, '$1')
    .replace(/^\$([\s\S]*)\$$/, '$1')
    .replace(/^\\\[([\s\S]*)\\\]$/, '$1');
  const element = document.createElement('div');
  element.className = 'jo-latex';
  element.innerHTML = texToHtml(tex, true);
  return element;
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  });
  md.renderer.rules['math_inline'] = (tokens, i) => texToHtml(tokens[i].content, false);
  md.renderer.rules['math_display'] = (tokens, i) => texToHtml(tokens[i].content, true);
  md.renderer.rules['math_block'] = (tokens, i) =>
    `<div class="jo-math-block">${texToHtml(tokens[i].content, true)}</div>\n`;
}

/**
 * `$$tex$$` anywhere, or `$tex$` as Pandoc reads it: no space just inside the
 * dollars and no digit just after the closing one, so "$5 and $10" stays text.
 */
function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x24 /* $ */) return false;
  const display = src.charCodeAt(pos + 1) === 0x24;
  const open = display ? 2 : 1;
  const close = findClosing(src, pos + open, display ? '$$' : '$');
  if (close < 0) return false;
  const tex = src.slice(pos + open, close);
  if (!tex.trim()) return false;
  if (!display && (/^\s|\s$/.test(tex) || /\d/.test(src.charAt(close + 1)))) return false;
  if (!silent) {
    const token = state.push(display ? 'math_display' : 'math_inline', 'math', 0);
    token.markup = display ? '$$' : '$';
    token.content = tex;
  }
  state.pos = close + open;
  return true;
}

/** The index of the next unescaped `delimiter` at or after `from`, or -1. */
function findClosing(src: string, from: number, delimiter: string): number {
  let at = src.indexOf(delimiter, from);
  while (at >= 0) {
    let backslashes = 0;
    while (src.charAt(at - 1 - backslashes) === '\\') backslashes++;
    if (backslashes % 2 === 0) return at;
    at = src.indexOf(delimiter, at + 1);
  }
  return -1;
}

/** A block starting with `$$` on its own line(s) and ending at the line that ends with `$$`. */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineText = (line: number) =>
    state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const first = lineText(startLine);
  if (!first.startsWith('$$')) return false;

  let body = first.slice(2);
  let last = startLine;
  let closed = body.trimEnd().endsWith('$$');
  // "$$a$$ and more" is a paragraph with display math in it, left to the inline rule.
  if (!closed && body.includes('$$')) return false;
  while (!closed && last + 1 < endLine) {
    last++;
    const text = lineText(last);
    body += '\n' + text;
    closed = text.trimEnd().endsWith('$$');
  }
  if (!closed) return false;
  if (silent) return true;
  body = body.trimEnd().slice(0, -2);

  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = body.trim();
  token.markup = '$$';
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}
