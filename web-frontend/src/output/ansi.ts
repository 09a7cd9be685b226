/**
 * ANSI-coloured text to DOM. ansi_up escapes the text (`<`, `&`, quotes) and emits
 * only `<span>`s with its own classes/styles, plus `<a>` for OSC 8 hyperlinks whose
 * scheme is http or https; that HTML is the only string we parse.
 */
import { AnsiUp } from 'ansi_up';

/** Parses ansi_up's output; links open in a new tab without an opener. */
export function ansiFragment(text: string): DocumentFragment {
  const converter = new AnsiUp();
  converter.use_classes = true;
  converter.escape_html = true;
  converter.url_allowlist = { http: 1, https: 1 };
  const template = document.createElement('template');
  template.innerHTML = converter.ansi_to_html(text);
  for (const link of template.content.querySelectorAll('a')) {
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  return template.content;
}

/** A `<pre>` showing ANSI-coloured text. */
export function ansiBlock(text: string, className: string): HTMLElement {
  const element = document.createElement('pre');
  element.className = className;
  element.append(ansiFragment(text));
  return element;
}

const SGR = /\x1b\[([0-9;]*)m/g;

/**
 * The colour state at the end of `text`, as the SGR sequences that recreate it,
 * given the state `before` it. Rendering a later piece as `carry + piece` shows it in
 * the colours the terminal would, without re-rendering what came earlier.
 */
export function sgrCarry(before: string, text: string): string {
  let carry = before;
  for (const match of text.matchAll(SGR)) {
    const first = match[1].split(';')[0];
    carry = first === '' || first === '0' ? match[0] : carry + match[0];
  }
  return carry === '\x1b[m' || carry === '\x1b[0m' ? '' : carry;
}
