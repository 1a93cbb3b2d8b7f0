import fs from 'node:fs';

type Stoppable = { stop(): Promise<unknown> };
const registry = globalThis as typeof globalThis & { __testEngines?: Stoppable[]; __testTmp?: string };

export default async function globalTeardown(): Promise<void> {
  for (const engine of (registry.__testEngines ?? []).reverse()) await engine.stop();
  if (registry.__testTmp) fs.rmSync(registry.__testTmp, { recursive: true, force: true });
}
