/** Kernel output is untrusted: nothing it sends may run or load in the app's origin. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderMarkdown, type OutputArea } from '../../../src/output';
import { FRAME_CSP, frameDocument, safeWebUrl } from '../../../src/output/html-frame';
import { display, mountArea, stream } from './fixtures';

const ATTACK = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">go</a>';

let host: HTMLElement;
let area: OutputArea;

beforeEach(() => {
  ({ host, area } = mountArea());
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Elements in the host itself (an iframe's document is not part of it). */
const live = (selector: string) => host.querySelectorAll(selector).length;

describe('text/html', () => {
  it('runs only inside an iframe sandboxed with exactly allow-scripts', () => {
    area.handle(display({ 'text/html': ATTACK, 'text/plain': 'fallback' }));

    const frames = host.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    const frame = frames[0];
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts');
    expect(frame.getAttribute('sandbox')?.split(/\s+/)).not.toContain('allow-same-origin');
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(frame.hasAttribute('src')).toBe(false);
    expect(frame.srcdoc).toContain(ATTACK);

    expect(live('script')).toBe(0);
    expect(live('img')).toBe(0);
    expect(live('a')).toBe(0);
    expect(live('[onerror]')).toBe(0);
  });

  it('puts a strict CSP first in the frame document, before the untrusted content', () => {
    const doc = frameDocument(ATTACK);
    const csp = doc.indexOf('Content-Security-Policy');
    expect(csp).toBeGreaterThan(0);
    expect(csp).toBeLessThan(doc.indexOf(ATTACK));
    expect(FRAME_CSP).toContain("default-src 'none'");
    expect(FRAME_CSP).toContain('img-src data: blob:');
    expect(FRAME_CSP).toContain("form-action 'none'");
    expect(FRAME_CSP).not.toMatch(/https?:|\*/);

    const parsed = new DOMParser().parseFromString(doc, 'text/html');
    const meta = parsed.head.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(meta?.getAttribute('content')).toBe(FRAME_CSP);
    expect(parsed.head.firstElementChild).toBe(meta);
  });

  it('sizes the frame only from numbers its own window posts, clamped', () => {
    area.handle(display({ 'text/html': '<p>table</p>' }));
    const frame = host.querySelector('iframe')!;
    const before = frame.style.height;
    const post = (data: unknown, source: Window | null) =>
      window.dispatchEvent(new MessageEvent('message', { data, source }));

    post(250, window);
    post('250', frame.contentWindow);
    post({ height: 250 }, frame.contentWindow);
    post(Number.NaN, frame.contentWindow);
    expect(frame.style.height).toBe(before);

    post(250, frame.contentWindow);
    expect(frame.style.height).toBe('250px');
    post(1e9, frame.contentWindow);
    expect(frame.style.height).toBe('4000px');
    post(-5, frame.contentWindow);
    expect(frame.style.height).toBe('16px');
  });

  it('opens links the frame hands over only as http(s), in a new tab with no opener', () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    area.handle(display({ 'text/html': '<a href="https://example.org">x</a>' }));
    const frame = host.querySelector('iframe')!;
    const post = (data: unknown) =>
      window.dispatchEvent(new MessageEvent('message', { data, source: frame.contentWindow }));

    post({ openLink: 'javascript:alert(document.cookie)' });
    post({ openLink: 'data:text/html,<script>alert(1)</script>' });
    post({ openLink: 'blob:https://example.org/1' });
    expect(open).not.toHaveBeenCalled();

    post({ openLink: 'https://example.org/docs' });
    expect(open).toHaveBeenCalledWith('https://example.org/docs', '_blank', 'noopener,noreferrer');
  });

  it('accepts only absolute web URLs as links', () => {
    expect(safeWebUrl('https://example.org/a?b#c')).toBe('https://example.org/a?b#c');
    expect(safeWebUrl('http://example.org')).toBe('http://example.org/');
    expect(safeWebUrl(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeWebUrl('java\tscript:alert(1)')).toBeNull();
    expect(safeWebUrl('vbscript:x')).toBeNull();
    expect(safeWebUrl('/api/contents')).toBeNull();
  });
});

describe('image/svg+xml', () => {
  it('is shown as an image, never as live SVG in the page', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><circle r="5"/></svg>';
    area.handle(display({ 'image/svg+xml': svg }));
    expect(live('svg')).toBe(0);
    expect(live('script')).toBe(0);
    const img = host.querySelector('img')!;
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const decoded = new TextDecoder().decode(
      Uint8Array.from(atob(img.getAttribute('src')!.split(',')[1]), (c) => c.charCodeAt(0)),
    );
    expect(decoded).toBe(svg);
  });
});

describe('markdown', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const element = renderMarkdown('hi <img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('script')).toBeNull();
    expect(element.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it('never makes a javascript:, vbscript: or data: link', () => {
    const element = renderMarkdown(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](vbscript:x) [d](data:text/html,x) [e](data:image/png;base64,AAAA) <javascript:alert(1)>',
    );
    for (const link of element.querySelectorAll('a')) {
      const href = link.getAttribute('href') ?? '';
      expect(href).not.toMatch(/^\s*(javascript|vbscript|data):/i);
    }
    expect(element.innerHTML).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
  });

  it('opens web links in a new tab without opener', () => {
    const link = renderMarkdown('[docs](https://example.org)').querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.org');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
  });

  it('allows data: images but not other data: URLs as images', () => {
    const element = renderMarkdown('![ok](data:image/png;base64,AAAA) ![bad](data:text/html;base64,AAAA)');
    const sources = [...element.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(sources).toEqual(['data:image/png;base64,AAAA']);
  });

  it('is what text/markdown outputs show, with the same rules', () => {
    area.handle(display({ 'text/markdown': '<img src=x onerror=alert(1)> [x](javascript:alert(1))' }));
    expect(live('img')).toBe(0);
    expect(host.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('keeps KaTeX from making links or running anything', () => {
    const element = renderMarkdown('$\\href{javascript:alert(1)}{x}$ $\\url{javascript:alert(1)}$');
    expect(element.querySelector('a')).toBeNull();
  });
});

describe('streams and errors', () => {
  it('escape markup and only link OSC 8 hyperlinks to web URLs', () => {
    area.handle(display({ 'text/plain': '<script>alert(1)</script>' }));
    area.handle(
      stream(
        'stdout',
        '\x1b]8;;javascript:alert(1)\x07bad\x1b]8;;\x07 \x1b]8;;https://example.org\x07good\x1b]8;;\x07\n',
      ),
    );
    expect(live('script')).toBe(0);
    const links = [...host.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org']);
    expect(links[0].rel).toBe('noopener noreferrer');
  });
});
