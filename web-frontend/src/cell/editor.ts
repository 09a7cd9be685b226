import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, showTooltip, type Tooltip } from '@codemirror/view';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { autocompletion, startCompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { java } from '@codemirror/lang-java';
import { markdown } from '@codemirror/lang-markdown';
import { kernelCompletions, type KernelAsk } from './completion';
import { stripAnsi } from './ansi';

/** What the editor asks of the notebook around it. */
export interface EditorHost {
  language: 'java' | 'markdown' | 'text';
  kernel: KernelAsk;
  onChange(source: string): void;
  /** Keys the notebook handles (run, leave edit mode, move between cells); true if handled. */
  onKey(key: 'Shift-Enter' | 'Mod-Enter' | 'Alt-Enter' | 'Escape' | 'ArrowUp' | 'ArrowDown', view: EditorView): boolean;
  onFocus(): void;
}

const setDocTip = StateEffect.define<Tooltip | null>();

/** The Shift+Tab tooltip: the kernel's signature and docs for what is at the cursor. */
const docTip = StateField.define<Tooltip | null>({
  create: () => null,
  update(tip, tr) {
    for (const effect of tr.effects) if (effect.is(setDocTip)) return effect.value;
    return tr.docChanged || tr.selection ? null : tip;
  },
  provide: (field) => showTooltip.from(field),
});

async function showDocs(view: EditorView, kernel: KernelAsk): Promise<void> {
  const pos = view.state.selection.main.head;
  const reply = await kernel.inspect(view.state.doc.toString(), pos);
  const text = reply && reply.status === 'ok' && reply.found ? (reply.data['text/plain'] as string | undefined) : undefined;
  const tip: Tooltip | null = text
    ? {
        pos,
        above: false,
        create: () => {
          const dom = document.createElement('pre');
          dom.className = 'doc-tooltip';
          dom.textContent = stripAnsi(text);
          return { dom };
        },
      }
    : null;
  view.dispatch({ effects: setDocTip.of(tip) });
}

function notebookKeys(host: EditorHost): Extension {
  const pass = (key: Parameters<EditorHost['onKey']>[0]) => (view: EditorView) => host.onKey(key, view);
  return keymap.of([
    { key: 'Shift-Enter', run: pass('Shift-Enter') },
    { key: 'Mod-Enter', run: pass('Mod-Enter') },
    { key: 'Alt-Enter', run: pass('Alt-Enter') },
    { key: 'Escape', run: (view) => (view.state.field(docTip) ? (view.dispatch({ effects: setDocTip.of(null) }), true) : host.onKey('Escape', view)) },
    {
      // Tab after a name completes it from the kernel, as in Jupyter; elsewhere it indents.
      key: 'Tab',
      run: (view) => {
        const { head, empty } = view.state.selection.main;
        return host.language === 'java' && empty && /[\w.]/.test(view.state.sliceDoc(head - 1, head)) && startCompletion(view);
      },
    },
    { key: 'Shift-Tab', run: (view) => (void showDocs(view, host.kernel), true) },
    {
      key: 'ArrowUp',
      run: (view) => view.state.doc.lineAt(view.state.selection.main.head).number === 1 && view.state.selection.main.empty && host.onKey('ArrowUp', view),
    },
    {
      key: 'ArrowDown',
      run: (view) =>
        view.state.doc.lineAt(view.state.selection.main.head).number === view.state.doc.lines &&
        view.state.selection.main.empty &&
        host.onKey('ArrowDown', view),
    },
  ]);
}

/** A CodeMirror 6 editor for one cell: Java (or Markdown), kernel completion, Shift+Tab docs. */
export function createEditor(parent: HTMLElement, source: string, host: EditorHost): EditorView {
  const extensions: Extension[] = [
    notebookKeys(host),
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    docTip,
    keymap.of([...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, indentWithTab, ...defaultKeymap]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) host.onChange(update.state.doc.toString());
      if (update.focusChanged && update.view.hasFocus) host.onFocus();
    }),
    EditorView.lineWrapping,
  ];
  if (host.language === 'java') {
    extensions.push(java(), autocompletion({ override: [kernelCompletions(host.kernel)], activateOnTyping: false }));
  } else if (host.language === 'markdown') {
    extensions.push(markdown());
  }
  return new EditorView({ parent, state: EditorState.create({ doc: source, extensions }) });
}
