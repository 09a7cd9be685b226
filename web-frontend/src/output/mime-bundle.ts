/**
 * A MIME bundle (display_data, execute_result) shown by its richest type we can
 * render, in JupyterLab's order of preference.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { ansiBlock } from './ansi';
import { htmlFrame } from './html-frame';
import { rasterImage, svgImage } from './images';
import { renderMarkdown } from './markdown';
import { latexElement } from './math';
import { notice } from './notice';
import { widgetView } from './widget-view';

export const WIDGET_MIME = 'application/vnd.jupyter.widget-view+json';

type Renderer = (value: nbformat.MultilineString | object, bundle: Bundle) => HTMLElement;

interface Bundle {
  data: nbformat.IMimeBundle;
  metadata: nbformat.OutputMetadata;
}

const renderers: ReadonlyArray<readonly [string, Renderer]> = [
  [WIDGET_MIME, (value, { data }) => widget(value, data)],
  ['text/html', (value) => htmlFrame(text(value))],
  ['image/svg+xml', (value, { metadata }) => svgImage(text(value), metadata)],
  ['image/png', (value, { metadata }) => rasterImage('image/png', text(value), metadata)],
  ['image/jpeg', (value, { metadata }) => rasterImage('image/jpeg', text(value), metadata)],
  ['image/gif', (value, { metadata }) => rasterImage('image/gif', text(value), metadata)],
  ['text/markdown', (value) => renderMarkdown(text(value))],
  ['text/latex', (value) => latexElement(text(value))],
  ['application/json', (value) => json(value)],
  ['text/plain', (value) => plainText(value)],
];

/** The MIME type that will be shown, or undefined when none is renderable. */
export function preferredMimeType(data: nbformat.IMimeBundle): string | undefined {
  return renderers.find(([mime]) => data[mime] !== undefined)?.[0];
}

export function renderMimeBundle(
  data: nbformat.IMimeBundle,
  metadata: nbformat.OutputMetadata,
): HTMLElement {
  const mime = preferredMimeType(data);
  const renderer = renderers.find(([type]) => type === mime)?.[1];
  const value = mime === undefined ? undefined : data[mime];
  if (!renderer || value === undefined) {
    const types = Object.keys(data).join(', ') || 'nothing';
    return notice(`No way to show this output here (it holds ${types}).`);
  }
  const element = renderer(value, { data, metadata });
  element.dataset['mimeType'] = mime;
  return element;
}

/** nbformat stores text as a string or a list of lines. */
export function text(value: nbformat.MultilineString | object): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
  return JSON.stringify(value, null, 2);
}

function plainText(value: nbformat.MultilineString | object): HTMLElement {
  return ansiBlock(text(value), 'jo-text');
}

function json(value: nbformat.MultilineString | object): HTMLElement {
  const pre = document.createElement('pre');
  pre.className = 'jo-json';
  pre.textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return pre;
}

/** A live view from the page's widget manager; the text fallback when its model is gone. */
function widget(value: nbformat.MultilineString | object, data: nbformat.IMimeBundle): HTMLElement {
  const fallback = data['text/plain'];
  return widgetView(value, () => (fallback === undefined ? null : plainText(fallback)));
}
