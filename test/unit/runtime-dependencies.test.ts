import fs from 'node:fs';
import path from 'node:path';

// The production image installs with --omit=dev, and `npm start` runs what the build compiled from server/ and
// scripts/. A package those import at run time but that is only a devDependency would work in every test and
// fail in production, so this reads the imports themselves.

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** Packages a file loads at run time: value imports, re-exports and dynamic imports; `import type` is erased. */
function runtimePackages(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1] as string);
  return specifiers
    .filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:'))
    .map((spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string)));
}

describe('runtime dependencies', () => {
  it('when the server and the scripts import a package, then package.json lists it as a dependency, not a devDependency', () => {
    const runtime = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.optionalDependencies ?? {})]);
    const missing = [...sourceFiles('server'), ...sourceFiles('scripts')].flatMap((file) =>
      runtimePackages(file)
        .filter((pkg) => !runtime.has(pkg))
        .map((pkg) => `${file}: ${pkg}`),
    );

    expect(missing).toEqual([]);
  });

  it('when the bundled store runs, then its own packages are among them', () => {
    const packages = new Set(sourceFiles('server/bundled-store').flatMap(runtimePackages));

    expect([...packages].sort()).toEqual(expect.arrayContaining(['bson', 'mingo']));
    for (const pkg of packages) expect(Object.keys(manifest.dependencies)).toContain(pkg);
  });
});
