/**
 * The Output widget (`@jupyter-widgets/output`). Jotter's kernel keeps the captured outputs in the
 * model's `outputs` state (nbformat output dicts) instead of capturing by `msg_id`, so the view only
 * shows that list, with the notebook's own output renderers and their sandbox.
 */
import { DOMWidgetModel, DOMWidgetView } from '@jupyter-widgets/base';
import { OutputArea } from '../output';
import type * as nbformat from '@jupyterlab/nbformat';
import type { ObjectHash } from 'backbone';

export const OUTPUT_MODULE = '@jupyter-widgets/output';
export const OUTPUT_MODULE_VERSION = '1.0.0';

export class OutputModel extends DOMWidgetModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      _model_name: 'OutputModel',
      _model_module: OUTPUT_MODULE,
      _model_module_version: OUTPUT_MODULE_VERSION,
      _view_name: 'OutputView',
      _view_module: OUTPUT_MODULE,
      _view_module_version: OUTPUT_MODULE_VERSION,
      msg_id: '',
      outputs: [],
    };
  }
}

export class OutputView extends DOMWidgetView {
  private area: OutputArea | null = null;
  private shown: unknown = null;

  override render(): void {
    this.el.classList.add('jupyter-widgets-output-area', 'jo-widget-output');
    this.area = new OutputArea(this.el);
    this.update();
  }

  override update(): void {
    // Called on any change (layout too): redraw only when the outputs changed.
    const outputs: unknown = this.model.get('outputs');
    if (outputs !== this.shown) {
      this.shown = outputs;
      this.area?.setOutputs(Array.isArray(outputs) ? (outputs as nbformat.IOutput[]) : []);
    }
    return super.update();
  }
}
