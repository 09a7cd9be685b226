/**
 * Showing a cell's outputs, safely: streams, errors and MIME bundles from the
 * kernel, which are untrusted. Kernel HTML runs only in sandboxed frames; markdown
 * is rendered with raw HTML escaped. See html-frame.ts for the security decisions.
 */
import 'katex/dist/katex.min.css';
import './output.css';

export { OutputArea } from './output-area';
export { renderMarkdown } from './markdown';
export { preferredMimeType, renderMimeBundle } from './mime-bundle';
export { setWidgetDisplay, type WidgetDisplay, type WidgetViewData } from './widget-view';
