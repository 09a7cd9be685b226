// Runs `npm ci` unless node_modules already holds exactly what package-lock.json pins, so a warm
// Maven build does not reinstall, while a clean checkout (CI) always installs from the lock.
// npm writes node_modules/.package-lock.json after each install: compare it with the lock.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
const installedFile = 'node_modules/.package-lock.json';

function inSync() {
  if (!existsSync(installedFile)) return false;
  const installed = JSON.parse(readFileSync(installedFile, 'utf8')).packages;
  for (const [path, entry] of Object.entries(lock)) {
    if (path === '') continue;
    const have = installed[path];
    // Optional packages for other platforms are never installed.
    if (!have) {
      if (entry.optional) continue;
      return false;
    }
    if (have.version !== entry.version || have.integrity !== entry.integrity) return false;
  }
  return Object.keys(installed).every((path) => path in lock);
}

if (inSync()) {
  console.log('node_modules matches package-lock.json: npm ci skipped');
} else {
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
