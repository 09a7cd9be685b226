/**
 * Markdown, for `text/markdown` outputs and for Markdown cells (a shared notebook's
 * cells are someone else's, so untrusted too). markdown-it runs with `html: false`:
 * raw HTML comes out as escaped text, so its output, plus KaTeX's, is the only HTML
 * we insert. Links are limited to web, mail and in-page targets; images to web
 * URLs and data images.
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Markdown, RendererRule } from 'markdown-it';
import { mathPlugin } from './math';

const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);/i;

/** A URL markdown-it may turn into a link or image: relative, or an allowed scheme. */
function validateLink(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  if (!scheme) return true;
  return LINK_SCHEMES.has(scheme[1].toLowerCase()) || DATA_IMAGE.test(url.trim());
}

function createMarkdown(): Markdown {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.validateLink = validateLink;
  md.use(mathPlugin);

  const renderToken: RendererRule = (tokens, i, options, _env, self) =>
    self.renderToken(tokens, i, options);

  const linkOpen = md.renderer.rules['link_open'] ?? renderToken;
  md.renderer.rules['link_open'] = (tokens, i, options, env, self) => {
    const token = tokens[i];
    const href = String(token.attrGet('href') ?? '');
    if (href.toLowerCase().startsWith('data:')) {
      // data: is allowed for images only; a data: link is dropped, its text kept.
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'href');
    } else if (/^(?:https?:)?\/\//i.test(href)) {
      token.attrSet('target', '_blank');
      token.attrSet('rel', 'noopener noreferrer');
    }
    return linkOpen(tokens, i, options, env, self);
  };

  const image = md.renderer.rules['image'] ?? renderToken;
  md.renderer.rules['image'] = (tokens, i, options, env, self) => {
    tokens[i].attrSet('referrerpolicy', 'no-referrer');
    tokens[i].attrSet('loading', 'lazy');
    return image(tokens, i, options, env, self);
  };
  return md;
}

let markdown: Markdown | null = null;

/** Markdown with `$...$`/`$$...$$` math, as a `div.jo-markdown`; safe for untrusted text. */
export function renderMarkdown(source: string): HTMLElement {
  markdown ??= createMarkdown();
  const element = document.createElement('div');
  element.className = 'jo-markdown';
  element.innerHTML = markdown.render(source);
  return element;
}
