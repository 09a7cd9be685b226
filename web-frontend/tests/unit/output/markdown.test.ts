import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/output/markdown';

describe('renderMarkdown', () => {
  it('renders markdown', () => {
    const element = renderMarkdown('# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two');
    expect(element.className).toBe('jo-markdown');
    expect(element.querySelector('h1')?.textContent).toBe('Title');
    expect(element.querySelector('em')?.textContent).toBe('emphasis');
    expect(element.querySelectorAll('li')).toHaveLength(2);
  });

  it('renders $...$ inline math with KaTeX', () => {
    const element = renderMarkdown('Euler: $e^{i\\pi}+1=0$.');
    const math = element.querySelector('.katex');
    expect(math).not.toBeNull();
    expect(element.querySelector('.katex-display')).toBeNull();
    expect(math?.querySelector('annotation')?.textContent).toBe('e^{i\\pi}+1=0');
  });

  it('renders $$...$$ display math, on its own lines or inside a paragraph', () => {
    const block = renderMarkdown('Before\n\n$$\n\\sum_{k=1}^n k\n$$\n\nAfter');
    expect(block.querySelector('.jo-math-block .katex-display annotation')?.textContent).toBe('\\sum_{k=1}^n k');
    expect(block.textContent).toContain('After');
    const inline = renderMarkdown('so $$x^2$$ holds');
    expect(inline.querySelector('.katex-display')).not.toBeNull();
  });

  it('does not read prices or escaped dollars as math', () => {
    const element = renderMarkdown('It costs $5 and $10, or \\$x\\$.');
    expect(element.querySelector('.katex')).toBeNull();
    expect(element.textContent?.trim()).toBe('It costs $5 and $10, or $x$.');
  });

  it('keeps markdown from touching the TeX (underscores, backslashes)', () => {
    const element = renderMarkdown('$a_1 * b_2 \\\\ c$');
    expect(element.querySelector('em')).toBeNull();
    expect(element.querySelector('annotation')?.textContent).toBe('a_1 * b_2 \\\\ c');
  });

  it('shows a TeX error in place instead of throwing', () => {
    const element = renderMarkdown('bad: $\\frac{1}$');
    expect(element.querySelector('.katex-error')).not.toBeNull();
  });
});
