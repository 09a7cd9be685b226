/**
 * Where `application/vnd.jupyter.widget-view+json` outputs go. The output module does not know
 * widgets: the notebook page plugs in its widget manager here ({@link setWidgetDisplay}); without
 * one (a shared read-only page, tests) a widget shows a notice and its text fallback.
 */
import { notice } from './notice';

/** The widget-view bundle of the Jupyter widgets spec: which model to show. */
export interface WidgetViewData {
  model_id: string;
  version_major?: number;
  version_minor?: number;
}

/** Shows the view of a model in `host`, or calls `missing` when there is no such model. */
export type WidgetDisplay = (view: WidgetViewData, host: HTMLElement, missing: (why: string) => void) => void;

let display: WidgetDisplay | null = null;

/** Plugs in the page's widget manager; null unplugs it. */
export function setWidgetDisplay(widgetDisplay: WidgetDisplay | null): void {
  display = widgetDisplay;
}

export function widgetView(value: unknown, fallback: () => HTMLElement | null): HTMLElement {
  const element = document.createElement('div');
  element.className = 'jo-widget';
  const missing = (why: string) => {
    element.replaceChildren(notice(why));
    const text = fallback();
    if (text) element.append(text);
  };
  const view = value as Partial<WidgetViewData> | null;
  if (!display) missing('Interactive widgets are not shown on this page.');
  else if (typeof view?.model_id !== 'string' || view.version_major !== 2) missing('This widget is of a version Jotter does not show.');
  else display(view as WidgetViewData, element, missing);
  return element;
}
