// The registry these machines reach serves the platform binaries of this machine's kind only, so
// `npm install` leaves other platforms' optional packages (e.g. @swc/core-darwin-arm64) out of
// package-lock.json, and `npm ci` then refuses the lockfile as out of sync. This records each such
// package by name and version, marked optional: npm ci accepts the lockfile and skips packages
// whose platform does not match or that cannot be fetched. Run after every `npm install <pkg>`.
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const entry of Object.values({ ...packages })) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added ? `package-lock.json: recorded ${added} optional platform packages` : 'package-lock.json: complete');
