/**
 * HTML and HTMLMath widgets hold kernel HTML, which is untrusted: controls' own views set it as
 * innerHTML of the app page. These show it in the sandboxed frame other HTML outputs use
 * (html-frame.ts), so a widget gets no more than a `text/html` output does. HTMLMath's math stays
 * as written: the frame loads no typesetter.
 */
import { StringView } from '@jupyter-widgets/controls';
import { htmlFrame } from '../output/html-frame';

export class SandboxedHTMLView extends StringView {
  private frame: HTMLIFrameElement | null = null;
  private shown: string | null = null;

  override render(): void {
    super.render();
    this.el.classList.add('widget-html', 'jo-widget-html');
    this.content = document.createElement('div');
    this.content.classList.add('widget-html-content');
    this.el.appendChild(this.content);
    this.update();
  }

  override update(): void {
    const value = String(this.model.get('value') ?? '');
    if (value !== this.shown) {
      this.shown = value;
      // A fresh frame per value: a frame's document is never rewritten from the app's side.
      const frame = htmlFrame(value);
      if (this.frame) this.frame.replaceWith(frame);
      else this.content.append(frame);
      this.frame = frame;
    }
    return super.update();
  }
}
