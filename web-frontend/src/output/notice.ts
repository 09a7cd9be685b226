/** A short line of our own (not the kernel's) in place of an output we do not show. */
export function notice(text: string): HTMLElement {
  const element = document.createElement('div');
  element.className = 'jo-output-notice';
  element.textContent = text;
  return element;
}
