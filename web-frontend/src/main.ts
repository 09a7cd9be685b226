import './style.css';
import { signIn } from './api/auth';
import { errorText, h } from './ui/dom';

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  try {
    await signIn();
    const { showPage } = await import('./pages');
    await showPage(root);
  } catch (error) {
    root.replaceChildren(h('div', { class: 'fatal' }, h('h1', {}, 'Could not open this page'), h('p', {}, errorText(error)), h('a', { href: '/' }, 'Back to your files')));
  }
}

void start();
