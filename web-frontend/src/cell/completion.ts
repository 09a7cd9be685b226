import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { KernelMessage } from '@jupyterlab/services';

/** The two questions an editor asks the kernel. */
export interface KernelAsk {
  complete(code: string, cursor: number): Promise<KernelMessage.ICompleteReplyMsg['content'] | null>;
  inspect(code: string, cursor: number): Promise<KernelMessage.IInspectReplyMsg['content'] | null>;
}

interface TypedMatch {
  text: string;
  type?: string;
  signature?: string;
}

/**
 * Completion from the kernel's complete_reply: Tab or Ctrl+Space asks, the kernel answers with the
 * range to replace and the matches (typed ones from IPython's `_jupyter_types_experimental` if given).
 */
export function kernelCompletions(kernel: KernelAsk) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    if (!context.explicit && !context.matchBefore(/[\w.]$/)) return null;
    const reply = await kernel.complete(context.state.doc.toString(), context.pos);
    if (!reply || reply.status !== 'ok' || reply.matches.length === 0) return null;
    const typed = (reply.metadata?._jupyter_types_experimental as unknown as TypedMatch[] | undefined) ?? [];
    const types = new Map(typed.map((match) => [match.text, match]));
    return {
      from: reply.cursor_start,
      to: reply.cursor_end,
      options: reply.matches.map((label) => ({
        label,
        type: types.get(label)?.type,
        detail: types.get(label)?.signature,
      })),
      filter: false,
    };
  };
}
