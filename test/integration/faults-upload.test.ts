import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, completePracticeBody, createUser } from '../support/factories';
import { samplePng } from '../support/sample-files';
import { createTestContext, type TestContext } from '../support/test-context';

/** An upload whose connection dies halfway: nothing of it may stay, on disk or in the database. */
let ctx: TestContext;
let server: http.Server;
let port: number;
let partner: User;
let auth: string;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  ctx = await createTestContext({}, { logger });
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  auth = await bearerFor(ctx, partner);
  server = http.createServer(ctx.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx.close();
});

const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : [];

/** A PNG of about `bytes`: a real image followed by padding (the sniffer reads only its head). */
const bigPng = (bytes: number) => Buffer.concat([samplePng(), Buffer.alloc(bytes, 7)]);

/** Sends the head of a multipart upload, then drops the connection without finishing it. */
async function cutOffUpload(pathname: string, headers: Record<string, string>, file: Buffer, chunked: boolean): Promise<void> {
  const boundary = '----decodekbcutoff';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="report.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: pathname,
    headers: {
      ...headers,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      ...(chunked ? {} : { 'Content-Length': String(head.length + file.length + tail.length) }),
    },
  });
  const gone = new Promise<void>((resolve) => {
    req.on('error', () => resolve());
    req.on('close', () => resolve());
  });
  req.write(head);
  req.write(file.subarray(0, Math.floor(file.length / 2)));
  // Let the server read the first half, then cut the connection as a dropped network would.
  await new Promise((r) => setTimeout(r, 300));
  req.destroy();
  await gone;
}

async function settle(): Promise<void> {
  // The server sees the socket close a moment after the client drops it.
  await new Promise((r) => setTimeout(r, 500));
}

describe('an upload cut off mid-stream', () => {
  it.each([
    ['with a Content-Length', false],
    ['sent in chunks', true],
  ])('when the connection of an upload %s drops halfway, then no file and no attachment record is left, and the next upload works', async (_how, chunked) => {
    const draft = await ctx.services.practices.create(partner, completePracticeBody({ title: `Cut-off upload ${String(chunked)}` }));
    const revisions = await ctx.db.collection('practice_revisions').countDocuments();

    await cutOffUpload(`/api/practices/${draft.id}/attachments`, { Authorization: auth }, bigPng(2 * 1024 * 1024), chunked);
    await settle();

    expect(filesUnder(ctx.config.uploadsDir)).toEqual([]);
    const after = await ctx.services.practices.get(partner, draft.id);
    expect(after.revision).toBe(draft.revision);
    expect(after.working?.attachments).toEqual([]);
    expect(await ctx.db.collection('practice_revisions').countDocuments()).toBe(revisions);
    // The client went away: a request it cut off is not a server error.
    expect(logLines.filter((l) => Number(l.level) >= 50).map((l) => [l.msg, (l.err as { message?: string } | undefined)?.message])).toEqual([]);

    const whole = await request(ctx.app)
      .post(`/api/practices/${draft.id}/attachments`)
      .set('Authorization', auth)
      .attach('attachments', samplePng(), 'report.png')
      .expect(201);
    expect(whole.body.working.attachments).toHaveLength(1);
    expect(filesUnder(ctx.config.uploadsDir)).toHaveLength(1);
    fs.rmSync(ctx.config.uploadsDir, { recursive: true, force: true });
  });
});
