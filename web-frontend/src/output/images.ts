/**
 * Images come only as data the kernel sent: base64 for PNG/JPEG/GIF, text for SVG.
 * No URL from an output is ever fetched.
 *
 * SVG is shown through `<img>`, not inline: an SVG image runs no script, loads
 * nothing and cannot be clicked through, which is stricter than a sandboxed frame,
 * and it keeps its own size.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { notice } from './notice';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `metadata[mime]` as nbformat and JupyterLab use it: width, height, unconfined. */
interface ImageMetadata {
  width?: number;
  height?: number;
  unconfined?: boolean;
}

export function rasterImage(
  mime: string,
  base64: string,
  metadata: nbformat.OutputMetadata,
): HTMLElement {
  const data = base64.replace(/\s+/g, '');
  if (!BASE64.test(data)) return notice(`This ${mime} output is not valid base64 data.`);
  return image(`data:${mime};base64,${data}`, imageMetadata(metadata, mime));
}

export function svgImage(svg: string, metadata: nbformat.OutputMetadata): HTMLElement {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return image(`data:image/svg+xml;base64,${btoa(binary)}`, imageMetadata(metadata, 'image/svg+xml'));
}

function image(src: string, metadata: ImageMetadata): HTMLImageElement {
  const img = document.createElement('img');
  img.className = metadata.unconfined ? 'jo-image jo-image-unconfined' : 'jo-image';
  img.alt = '';
  img.src = src;
  if (metadata.width !== undefined) img.width = metadata.width;
  if (metadata.height !== undefined) img.height = metadata.height;
  return img;
}

function imageMetadata(metadata: nbformat.OutputMetadata, mime: string): ImageMetadata {
  const own = metadata[mime];
  const source = typeof own === 'object' && own !== null && !Array.isArray(own) ? own : metadata;
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  return {
    width: number(source['width']),
    height: number(source['height']),
    unconfined: source['unconfined'] === true,
  };
}
