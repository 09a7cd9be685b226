import { UserManager, type User } from 'oidc-client-ts';
import { h } from '../ui/dom';

/** What `GET /api/jotter/auth` says: accounts through Keycloak, or the single-user token. */
export interface SignInSettings {
  mode: 'accounts' | 'token';
  issuer?: string;
  client_id?: string;
}

/** The subprotocol the server selects; the token rides beside it as `jotter.bearer.<token>`. */
export const KERNEL_SUBPROTOCOL = 'jotter';
export const BEARER_SUBPROTOCOL_PREFIX = 'jotter.bearer.';

let manager: UserManager | null = null;
let user: User | null = null;
const renewalListeners = new Set<() => void>();

/**
 * Calls `listener` each time the access token is renewed (the server closes a kernel socket when the
 * token it opened with expires, unless told of the renewed one). Returns the way to stop.
 */
export function onTokenRenewed(listener: () => void): () => void {
  renewalListeners.add(listener);
  return () => renewalListeners.delete(listener);
}

/** The current access token, or '' in single-user mode (the page's cookie proves it there). */
export function accessToken(): string {
  return user?.access_token ?? '';
}

export function signedInName(): string | null {
  return user ? String(user.profile.preferred_username ?? user.profile.sub) : null;
}

/**
 * Makes sure the page may call the API before anything else runs. With accounts on, that is the
 * authorization code flow with PKCE against Keycloak: the browser leaves for the login page and comes
 * back to `/?code=…`, where the code is exchanged for tokens, kept in this tab's session storage and
 * renewed before they expire. Resolves once signed in; never resolves while the browser is leaving.
 */
export async function signIn(): Promise<void> {
  const response = await fetch('/api/jotter/auth', { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    return; // single-user mode without the cookie: the API's own 401 page says what to do
  }
  const settings = (await response.json()) as SignInSettings;
  if (settings.mode !== 'accounts' || !settings.issuer || !settings.client_id) {
    return;
  }
  manager = new UserManager({
    authority: settings.issuer,
    client_id: settings.client_id,
    redirect_uri: `${location.origin}/`,
    post_logout_redirect_uri: `${location.origin}/`,
    scope: 'openid profile email',
    automaticSilentRenew: true,
  });
  manager.events.addUserLoaded((renewed) => {
    user = renewed;
    renewalListeners.forEach((listener) => listener());
  });
  const query = new URLSearchParams(location.search);
  if (query.has('code') && query.has('state')) {
    const returned = await manager.signinRedirectCallback();
    history.replaceState(null, '', typeof returned.state === 'string' ? returned.state : '/');
    user = returned;
    return;
  }
  user = await manager.getUser();
  if (user && user.expired) {
    user = await manager.signinSilent().catch(() => null);
  }
  if (!user) {
    await manager.signinRedirect({ state: location.pathname + location.search });
    await new Promise<never>(() => undefined);
  }
}

export async function signOut(): Promise<void> {
  await manager?.signoutRedirect();
}

/** Who is signed in, with a way out; nothing in single-user mode. */
export function accountBadge(): HTMLElement | null {
  const name = signedInName();
  if (!name) {
    return null;
  }
  return h(
    'span',
    { class: 'account' },
    h('span', { class: 'account-name', title: 'Signed in' }, name),
    h('button', { class: 'sign-out', onclick: () => void signOut() }, 'Sign out'),
  );
}
