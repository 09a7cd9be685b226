import { describe, expect, it, vi } from 'vitest';
import { rewrite, parseForm } from '../../src/forms/annotations';
import { FormView } from '../../src/forms/form-view';

/** A form over a source kept here, as the cell keeps it. */
function formOn(initial: string) {
  const state = { source: initial, runs: 0 };
  const view = new FormView({
    change: ({ from, to, insert }) => {
      state.source = state.source.slice(0, from) + insert + state.source.slice(to);
      view.update(state.source);
    },
    mayRun: () => true,
    run: () => state.runs++,
  });
  view.update(initial);
  document.body.append(view.element);
  return { view, state, input: (name: string) => view.element.querySelector<HTMLInputElement>(`[name="${name}"]`)! };
}

describe('the form view', () => {
  it('has a labelled control per field and stays hidden without fields', () => {
    const { view } = formOn('//@title Training\nint epochs = 5; //@param {type:"slider", min:1, max:20}\nboolean augment = true; //@param {type:"boolean"}');
    expect(view.element.hidden).toBe(false);
    expect(view.element.querySelector('.form-title')!.textContent).toBe('Training');
    for (const input of view.element.querySelectorAll('input')) {
      expect(view.element.querySelector(`label[for="${input.id}"]`)!.textContent).toBe(input.name);
    }
    expect(formOn('int x = 1;').view.element.hidden).toBe(true);
  });

  it('rewrites the literal as a field changes, and refills from the code', () => {
    const source = 'int epochs = 5; //@param {type:"slider", min:1, max:20}\nString model = "cnn"; //@param ["cnn", "mlp"]\ntrain();';
    const { view, state, input } = formOn(source);
    const slider = input('epochs');
    slider.value = '9';
    slider.dispatchEvent(new Event('input'));
    expect(state.source).toBe(source.replace('= 5;', '= 9;'));
    const select = view.element.querySelector('select')!;
    select.value = 'mlp';
    select.dispatchEvent(new Event('change'));
    expect(state.source).toBe(source.replace('= 5;', '= 9;').replace('"cnn";', '"mlp";'));
    const edited = rewrite(state.source, parseForm(state.source).fields[0], 12);
    view.update(edited);
    expect(slider.value).toBe('12');
    expect(view.element.querySelector('output')!.textContent).toBe('12');
    expect(input('epochs')).toBe(slider);
  });

  it('ignores text a field cannot take', () => {
    const source = 'int n = 1; //@param {type:"integer"}';
    const { state, input } = formOn(source);
    input('n').value = '2.5';
    input('n').dispatchEvent(new Event('input'));
    expect(state.source).toBe(source);
  });

  it('runs once for a burst of slider changes, and not for typing in a text field', () => {
    vi.useFakeTimers();
    try {
      const { state, input } = formOn('int n = 1; //@param {type:"slider", min:1, max:10}\nString s = "a"; //@param {type:"string"}');
      for (const value of ['2', '3', '4']) {
        input('n').value = value;
        input('n').dispatchEvent(new Event('input'));
        input('n').dispatchEvent(new Event('change'));
      }
      input('s').value = 'b';
      input('s').dispatchEvent(new Event('change'));
      vi.runAllTimers();
      expect(state.runs).toBe(1);
      expect(state.source).toBe('int n = 4; //@param {type:"slider", min:1, max:10}\nString s = "b"; //@param {type:"string"}');
    } finally {
      vi.useRealTimers();
    }
  });
});
