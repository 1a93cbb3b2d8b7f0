import { stringify } from 'csv-stringify/sync';
import request from 'supertest';
import type { Express } from 'express';

/** A CSV of the given header and rows, as a spreadsheet would save it. */
export function csvOf(header: readonly string[], rows: readonly (readonly (string | number)[])[], delimiter = ','): Buffer {
  return Buffer.from(stringify([[...header], ...rows.map((r) => r.map(String))], { delimiter }), 'utf8');
}

export type ImportState = {
  id: string;
  status: string;
  active: boolean;
  mode?: string;
  publish: boolean;
  counts: { total: number; accepted: number; refused: number; written: number; failed: number; undone: number };
  progress?: { done: number; of: number };
  problem?: string;
};

export async function uploadVia(app: Express, auth: string, file: Buffer, name: string, fields: Record<string, string> = {}) {
  let req = request(app).post('/api/imports').set('Authorization', auth);
  for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
  return req.attach('file', file, name);
}

/**
 * Polls the import until the background worker is done with its phase. No timing is asserted: on a
 * loaded machine it takes what it takes, within the test's own limit.
 */
export async function settled(app: Express, auth: string, id: string, limitMs = 600_000): Promise<ImportState> {
  const until = Date.now() + limitMs;
  for (;;) {
    const res = await request(app).get(`/api/imports/${id}`).set('Authorization', auth);
    if (res.status !== 200) throw new Error(`Import ${id} answered ${res.status}: ${res.text.slice(0, 300)}`);
    const job = res.body as ImportState;
    if (!job.active) return job;
    if (Date.now() > until) throw new Error(`Import ${id} still ${job.status} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Uploads and waits for the dry run. */
export async function dryRun(app: Express, auth: string, file: Buffer, name: string, fields: Record<string, string> = {}): Promise<ImportState> {
  const res = await uploadVia(app, auth, file, name, fields);
  if (res.status !== 202) throw new Error(`Upload answered ${res.status}: ${res.text.slice(0, 500)}`);
  return settled(app, auth, (res.body as ImportState).id);
}

/** Starts the import and waits for it to finish. */
export async function runImport(app: Express, auth: string, id: string, mode: 'all-or-nothing' | 'accepted-only'): Promise<ImportState> {
  const res = await request(app).post(`/api/imports/${id}/start`).set('Authorization', auth).send({ mode });
  if (res.status !== 202) throw new Error(`Start answered ${res.status}: ${res.text.slice(0, 500)}`);
  return settled(app, auth, id);
}

export type ReportRow = { number: number; state: string; title?: string; practiceId?: string; problems: { field: string; messages: string[] }[] };

export async function reportOf(app: Express, auth: string, id: string, show = 'all'): Promise<ReportRow[]> {
  const res = await request(app).get(`/api/imports/${id}/rows`).query({ show }).set('Authorization', auth);
  if (res.status !== 200) throw new Error(`Rows answered ${res.status}`);
  return (res.body as { items: ReportRow[] }).items;
}
