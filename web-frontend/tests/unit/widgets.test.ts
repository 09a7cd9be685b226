import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as nbformat from '@jupyterlab/nbformat';
import type { KernelMessage } from '@jupyterlab/services';
import { OutputArea, renderMimeBundle, setWidgetDisplay } from '../../src/output';
import { JotterWidgetManager } from '../../src/widgets/manager';
import {
  BASE,
  CONTROLS,
  commOpen,
  fakeComm,
  fakeKernel,
  layout,
  modelState,
  settle,
} from './widgets-fixtures';

// Lumino's drag-and-drop, which controls imports, subclasses DragEvent: jsdom has none.
vi.hoisted(() => {
  const scope = globalThis as { DragEvent?: unknown };
  scope.DragEvent ??= class extends MouseEvent {};
});

const WIDGET_MIME = 'application/vnd.jupyter.widget-view+json';

const widgetBundle = (modelId: string) => ({
  [WIDGET_MIME]: { version_major: 2, version_minor: 0, model_id: modelId },
  'text/plain': `IntSlider(${modelId})`,
});

/** A manager on a fake kernel, plugged into the output module as the notebook page does. */
function setUp(comms: Record<string, { target_name: string }> = {}) {
  const kernel = fakeKernel(comms);
  const cellOutput = vi.fn<(cellId: string, message: KernelMessage.IIOPubMessage) => void>();
  const manager = new JotterWidgetManager(cellOutput);
  manager.setKernel(kernel);
  setWidgetDisplay((view, host, missing) => void manager.display(view, host, missing));
  return { kernel, manager, cellOutput };
}

/** A cell's output area on the page, as cell/view.ts makes it. */
function cellArea(cellId = 'cell-1'): { host: HTMLElement; area: OutputArea } {
  const cell = document.createElement('div');
  cell.className = 'cell';
  cell.dataset.id = cellId;
  const host = document.createElement('div');
  cell.append(host);
  document.body.append(cell);
  return { host, area: new OutputArea(host) };
}

function show(area: OutputArea, data: nbformat.IMimeBundle): void {
  area.setOutputs([{ output_type: 'display_data', data, metadata: {} }]);
}

beforeEach(() => {
  document.body.replaceChildren();
  setWidgetDisplay(null);
});

describe('widget outputs', () => {
  it('hand a widget-view bundle to the page widget manager', () => {
    const display = vi.fn();
    setWidgetDisplay(display);
    const element = renderMimeBundle(widgetBundle('abc'), {});
    expect(element.dataset['mimeType']).toBe(WIDGET_MIME);
    expect(display).toHaveBeenCalledWith(
      { version_major: 2, version_minor: 0, model_id: 'abc' },
      element,
      expect.any(Function),
    );
  });

  it('show a notice and the text fallback on a page without widgets', () => {
    const element = renderMimeBundle(widgetBundle('abc'), {});
    expect(element.textContent).toContain('Interactive widgets are not shown on this page.');
    expect(element.textContent).toContain('IntSlider(abc)');
  });
});

describe('JotterWidgetManager', () => {
  it('makes controls models from comm_open and shows a live slider', async () => {
    const { manager } = setUp();
    await manager.open(fakeComm('l1'), layout('l1'));
    await manager.open(fakeComm('st1'), commOpen('st1', modelState('SliderStyleModel', CONTROLS, '2.0.0')));
    await manager.open(
      fakeComm('s1'),
      commOpen(
        's1',
        modelState('IntSliderModel', CONTROLS, '2.0.0', {
          value: 3,
          min: 0,
          max: 10,
          description: 'n',
          layout: 'IPY_MODEL_l1',
          style: 'IPY_MODEL_st1',
        }),
      ),
    );
    const slider = await manager.get_model('s1');
    expect(slider.constructor.name).toBe('IntSliderModel');
    expect((slider.get('layout') as { constructor: { name: string } }).constructor.name).toBe('LayoutModel');

    const { host, area } = cellArea();
    show(area, widgetBundle('s1'));
    await settle();
    expect(host.querySelector('.widget-slider')).not.toBeNull();
    expect(host.querySelector('.widget-label')?.textContent).toBe('n');
    expect(host.querySelector<HTMLElement>('.widget-readout')?.textContent).toBe('3');
  });

  it('sends a click to the kernel and puts the handler output in the cell the button is in', async () => {
    const { manager, cellOutput } = setUp();
    const comm = fakeComm('b1');
    await manager.open(fakeComm('l1'), layout('l1'));
    await manager.open(comm, commOpen('b1', modelState('ButtonModel', CONTROLS, '2.0.0', { description: 'Go', layout: 'IPY_MODEL_l1' })));
    const { host, area } = cellArea('cell-7');
    show(area, widgetBundle('b1'));
    await settle();

    host.querySelector<HTMLButtonElement>('button')!.click();
    const click = comm.sent.find((sent) => (sent.data as { method: string }).method === 'custom');
    expect(click?.data).toEqual({ method: 'custom', content: { event: 'click' } });
    // It names its cell, as an execute request does, so the server saves the handler's output there.
    expect(click?.metadata).toMatchObject({ cellId: 'cell-7' });
    const printed = { header: { msg_type: 'stream' }, content: { name: 'stdout', text: 'clicked\n' } };
    click!.future.onIOPub!(printed as unknown as KernelMessage.IIOPubMessage);
    expect(cellOutput).toHaveBeenCalledWith('cell-7', printed);
  });

  it('asks for the current state of a model whose comm_open another page caused (or the server replays)', async () => {
    const { manager } = setUp();
    const mine = fakeComm('l1');
    const replayed = fakeComm('l2');
    await manager.open(mine, layout('l1'));
    const open = layout('l2');
    (open.parent_header as { session?: string }).session = 'another-page';
    await manager.open(replayed, open);
    expect(mine.sent).toEqual([]);
    expect(replayed.sent.map((sent) => sent.data)).toEqual([{ method: 'request_state' }]);
  });

  it('asks the kernel for models it does not know yet (after a reload)', async () => {
    const { manager, kernel } = setUp({ l1: { target_name: 'jupyter.widget' }, s1: { target_name: 'jupyter.widget' } });
    const { host, area } = cellArea();
    show(area, widgetBundle('s1'));
    await settle(3);
    const states: Record<string, Record<string, unknown>> = {
      l1: modelState('LayoutModel', BASE, '2.0.0'),
      s1: modelState('IntSliderModel', CONTROLS, '2.0.0', { value: 7, max: 10, layout: 'IPY_MODEL_l1' }),
    };
    for (const [id, comm] of kernel.created) {
      const request = comm.sent.find((sent) => (sent.data as { method: string }).method === 'request_state');
      expect(request).toBeDefined();
      comm.receive({ method: 'update', state: states[id], buffer_paths: [] }, request!.future.msg.header.msg_id);
    }
    await settle();
    expect(manager.has_model('s1')).toBe(true);
    expect(host.querySelector<HTMLElement>('.widget-readout')?.textContent).toBe('7');
  });

  it('shows a quiet notice and the text fallback for a model the kernel does not have', async () => {
    setUp();
    const { host, area } = cellArea();
    show(area, widgetBundle('gone'));
    await settle();
    expect(host.textContent).toContain('This widget is no longer live');
    expect(host.textContent).toContain('IntSlider(gone)');
  });

  it('drops the models of a kernel that restarted; their views fall back', async () => {
    const { manager } = setUp();
    await manager.open(fakeComm('l1'), layout('l1'));
    await manager.open(fakeComm('b1'), commOpen('b1', modelState('ButtonModel', CONTROLS, '2.0.0', { description: 'Go', layout: 'IPY_MODEL_l1' })));
    const { host, area } = cellArea();
    show(area, widgetBundle('b1'));
    await settle();
    expect(host.querySelector('button')).not.toBeNull();

    manager.forget();
    await settle();
    expect(manager.has_model('b1')).toBe(false);
    expect(host.querySelector('button')).toBeNull();
    expect(host.textContent).toContain('IntSlider(b1)');
  });
});

describe('a widget the kernel closed', () => {
  it('leaves its views for the text fallback, and is not shown again', async () => {
    const { manager } = setUp();
    const comm = fakeComm('b1');
    await manager.open(fakeComm('l1'), layout('l1'));
    await manager.open(comm, commOpen('b1', modelState('ButtonModel', CONTROLS, '2.0.0', { description: 'Go', layout: 'IPY_MODEL_l1' })));
    const first = cellArea('cell-1');
    show(first.area, widgetBundle('b1'));
    await settle();
    expect(first.host.querySelector('button')).not.toBeNull();

    comm.onClose!({ content: { comm_id: 'b1', data: {} } } as unknown as KernelMessage.ICommCloseMsg);
    await settle();
    expect(first.host.querySelector('button')).toBeNull();
    expect(first.host.textContent).toContain('no longer live');
    const second = cellArea('cell-2');
    show(second.area, widgetBundle('b1'));
    await settle();
    expect(second.host.textContent).toContain('no longer live');
  });
});

describe('Output widget', () => {
  it('shows its outputs state with the notebook output renderers, HTML in the sandboxed frame', async () => {
    const { manager } = setUp();
    await manager.open(fakeComm('l1'), layout('l1'));
    await manager.open(
      fakeComm('o1'),
      commOpen(
        'o1',
        modelState('OutputModel', '@jupyter-widgets/output', '1.0.0', {
          layout: 'IPY_MODEL_l1',
          msg_id: '',
          outputs: [
            { output_type: 'stream', name: 'stdout', text: 'n = 2\n' },
            { output_type: 'execute_result', execution_count: null, data: { 'text/plain': '4', 'text/html': '<b>4</b>' }, metadata: {} },
          ],
        }),
      ),
    );
    const { host, area } = cellArea();
    show(area, widgetBundle('o1'));
    await settle();
    expect(host.querySelector('pre.jo-stream-stdout')?.textContent).toBe('n = 2\n');
    const frame = host.querySelector<HTMLIFrameElement>('iframe.jo-html-frame');
    expect(frame?.getAttribute('sandbox')).toBe('allow-scripts');
    expect(frame?.srcdoc).toContain('<b>4</b>');
    expect(host.querySelector('b')).toBeNull();

    const output = await manager.get_model('o1');
    output.set('outputs', [{ output_type: 'execute_result', execution_count: null, data: { 'text/plain': '9' }, metadata: {} }]);
    expect(host.querySelector('pre.jo-stream-stdout')).toBeNull();
    expect(host.querySelector('pre.jo-text')?.textContent).toBe('9');
  });
});

describe('HTML widgets', () => {
  it('show kernel HTML only inside the sandboxed frame', async () => {
    const { manager } = setUp();
    await manager.open(fakeComm('l1'), layout('l1'));
    await manager.open(fakeComm('hs'), commOpen('hs', modelState('HTMLStyleModel', CONTROLS, '2.0.0')));
    await manager.open(
      fakeComm('h1'),
      commOpen('h1', modelState('HTMLModel', CONTROLS, '2.0.0', {
        value: '<img src=x onerror="parent.hacked=1"><b>bold</b>',
        description: '<i>label</i>',
        description_allow_html: true,
        layout: 'IPY_MODEL_l1',
        style: 'IPY_MODEL_hs',
      })),
    );
    const { host, area } = cellArea();
    show(area, widgetBundle('h1'));
    await settle();
    expect(host.querySelector('img, b, i')).toBeNull();
    expect(host.querySelector('.widget-label')?.textContent).toBe('<i>label</i>');
    const frame = host.querySelector<HTMLIFrameElement>('iframe.jo-html-frame');
    expect(frame?.getAttribute('sandbox')).toBe('allow-scripts');
    expect(frame?.srcdoc).toContain('<b>bold</b>');
  });
});
