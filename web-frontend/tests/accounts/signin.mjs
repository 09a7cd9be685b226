// Signing in through the real Keycloak's login page, for the accounts browser tests.
import assert from 'node:assert/strict';
import { base, close, launch } from '../e2e/app.mjs';

/** A browser of its own per person: nothing of another's Keycloak session carries over. */
export class Person {
  context = null;
  page = null;

  /** Opens the app in a fresh browser, signs in on Keycloak's form (password = username), waits for the files. */
  async signIn(user) {
    await this.close();
    this.context = await launch();
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    await this.page.goto(`${base}/`);
    await this.page.waitForURL(/\/realms\/jotter\/protocol\/openid-connect\/auth/);
    await this.page.locator('#username').fill(user);
    await this.page.locator('#password').fill(user);
    const submitted = performance.now();
    await this.page.locator('#kc-login').click();
    await this.page.waitForURL(`${base}/`);
    await this.page.waitForSelector('table.files');
    // Reported, not asserted: Keycloak's check, the redirect, the code exchange with PKCE, the first API calls.
    console.log(`login round trip for ${user} (submit to file list): ${Math.round(performance.now() - submitted)} ms`);
    assert.equal(await this.page.locator('.account-name').innerText(), user);
    return this.page;
  }

  async close() {
    await close(this.context);
    this.context = null;
  }
}

/** The REST API as a demo user, from Node, with a token from the password grant of the local realm's jotter-cli. */
export async function apiAs(user, path, init = {}) {
  const issuer = process.env.JOTTER_TEST_OIDC_URL;
  if (!issuer) throw new Error('JOTTER_TEST_OIDC_URL is not set: run the accounts tests with tests/accounts/run.sh');
  const grant = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'jotter-cli', username: user, password: user }),
  });
  if (!grant.ok) throw new Error(`no token for ${user}: ${grant.status}`);
  const { access_token: token } = await grant.json();
  const response = await fetch(`${base}/api/${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} as ${user}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}
