/**
 * Kernel HTML is untrusted: it runs only in an `<iframe sandbox="allow-scripts">`.
 * Without `allow-same-origin` the frame has an opaque origin, so it cannot read the
 * app's cookies or storage, call `/api` as the user, or touch the parent's DOM.
 * Without `allow-top-navigation`, `allow-popups`, `allow-forms` and `allow-modals` it
 * cannot navigate the app, open windows, submit forms or block the page with alerts.
 *
 * The CSP inside stops it loading anything from the network (no tracking pixels, no
 * exfiltration by fetch, images or fonts); inline scripts and styles stay allowed
 * because rich outputs (tables, plots) are made of them.
 *
 * The frame talks to the parent with two messages only, both checked here: its
 * content height (a number), and a link the user clicked (opened by the parent in a
 * new tab without opener or referrer, and only for http/https).
 */

export const FRAME_SANDBOX = 'allow-scripts';

export const FRAME_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'media-src data: blob:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const MIN_HEIGHT = 16;
const MAX_HEIGHT = 4000;
const FRAME_CLASS = 'jo-html-frame';

/** Runs in the frame: reports its height, and hands link clicks to the parent. */
const FRAME_SCRIPT = `(function () {
  var last = -1;
  function report() {
    var root = document.documentElement;
    var h = Math.ceil(Math.max(root.getBoundingClientRect().height, document.body ? document.body.scrollHeight : 0));
    if (h !== last) { last = h; parent.postMessage(h, '*'); }
  }
  addEventListener('load', function () {
    report();
    if (window.ResizeObserver) new ResizeObserver(report).observe(document.documentElement);
  });
  document.addEventListener('click', function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest('a[href]') : null;
    if (!link || (link.getAttribute('href') || '').charAt(0) === '#') return;
    event.preventDefault();
    parent.postMessage({ openLink: String(link.href) }, '*');
  }, true);
})();`;

const FRAME_STYLE = `html { color-scheme: light; }
body { margin: 0; padding: 2px 0; display: flow-root; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: transparent; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #d0d7de; text-align: right; }
th { font-weight: 600; }
tbody tr:nth-child(odd) { background: #f6f8fa; }
img, svg { max-width: 100%; height: auto; }`;

/** The frame's document: the CSP comes first, so it governs all of the content. */
export function frameDocument(content: string): string {
  return (
    '<!DOCTYPE html><html><head>' +
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<meta charset="utf-8">' +
    `<style>${FRAME_STYLE}</style>` +
    `<script>${FRAME_SCRIPT}</script>` +
    `</head><body>${content}</body></html>`
  );
}

/** A sandboxed frame showing untrusted HTML; it sizes itself to its content. */
export function htmlFrame(content: string): HTMLIFrameElement {
  listenToFrames();
  const frame = document.createElement('iframe');
  frame.className = FRAME_CLASS;
  frame.setAttribute('sandbox', FRAME_SANDBOX);
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.setAttribute('title', 'Output');
  frame.style.height = `${MIN_HEIGHT * 2}px`;
  frame.srcdoc = frameDocument(content);
  return frame;
}

let listening = false;

/** One listener for every frame: a message counts only from a frame we made. */
function listenToFrames(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('message', (event) => {
    if (event.source === null) return;
    const frame = frameOf(event.source);
    if (frame) receive(frame, event.data);
  });
}

function frameOf(source: MessageEventSource): HTMLIFrameElement | undefined {
  for (const frame of document.querySelectorAll<HTMLIFrameElement>(`iframe.${FRAME_CLASS}`)) {
    if (frame.contentWindow === source) return frame;
  }
  return undefined;
}

function receive(frame: HTMLIFrameElement, data: unknown): void {
  if (typeof data === 'number' && Number.isFinite(data)) {
    const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(data)));
    frame.style.height = `${height}px`;
  } else if (isLinkMessage(data)) {
    openLink(data.openLink);
  }
}

function isLinkMessage(data: unknown): data is { openLink: string } {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { openLink?: unknown }).openLink === 'string'
  );
}

/** http(s) only, in a new tab that cannot reach back to the app (no opener, no referrer). */
export function openLink(href: string): void {
  const url = safeWebUrl(href);
  if (!url) return;
  // Chrome and Firefox pass a click in the frame on as activation of the parent; a
  // script in the frame posting on its own has none, so it cannot pop tabs up.
  const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } })
    .userActivation;
  if (activation && !activation.isActive) return;
  window.open(url, '_blank', 'noopener,noreferrer');
}

/** The URL if it is absolute http or https, else null (javascript:, data:, blob:, ...). */
export function safeWebUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
