/** A small element builder: the page has no framework, and needs none. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { [attribute: string]: string | ((event: MouseEvent) => void) | undefined; onclick?: (event: MouseEvent) => void } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'onclick') element.addEventListener('click', value as unknown as (event: Event) => void);
    else if (value !== undefined) element.setAttribute(name, value as string);
  }
  element.append(...children);
  return element;
}

/** A modal choice; resolves with the value of the button pressed. */
export function choose<T extends string>(title: string, message: string, buttons: { label: string; value: T }[]): Promise<T> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog' });
    dialog.append(
      h('h2', {}, title),
      h('p', {}, message),
      h(
        'div',
        { class: 'dialog-buttons' },
        ...buttons.map((button) =>
          h('button', {
            onclick: () => {
              dialog.close();
              dialog.remove();
              resolve(button.value);
            },
          }, button.label),
        ),
      ),
    );
    // Escape must not dismiss it without an answer.
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
