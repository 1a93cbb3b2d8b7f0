import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, completePracticeBody, createUser } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';
import { findUnsafeConstructs, XSS_VECTORS } from '../support/xss-vectors';

let ctx: TestContext;
let partner: User;
let partnerAuth = '';
let coordinatorAuth = '';

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  partnerAuth = await bearerFor(ctx, partner);
  coordinatorAuth = await bearerFor(ctx, await createUser(ctx, { role: 'coordinator' }));
});

afterAll(async () => {
  await ctx.close();
});

const api = () => request(ctx.app);
const HTML_FIELDS = ['summary', 'stakeholders', 'description', 'results', 'transferability', 'lessons'] as const;

/** Every Markdown and text field carries the vector. */
function hostileBody(markdown: string) {
  const text = (max: number) => markdown.slice(0, max);
  return completePracticeBody({
    title: `XSS ${markdown}`.slice(0, 200),
    summary: text(600),
    stakeholders: text(1000),
    description: markdown,
    results: `Results:\n\n${markdown}`,
    transferability: `- ${markdown}`,
    lessons: `> ${markdown}`,
    budget: { amountEur: 1, fundingSources: text(500) },
    indicators: [{ name: text(120), value: 1, unit: text(40), year: 2019 }],
    sources: [{ title: text(200), url: 'https://example.org/source' }],
    contact: { name: text(200), organisation: text(200) },
  });
}

describe('XSS through the practice fields', () => {
  it.each(XSS_VECTORS.map((v) => [v.name, v.markdown]))(
    'when a published practice carries %s in every field, then no rendered HTML contains an unsafe construct and the text is kept',
    async (_name, markdown) => {
      const created = await api()
        .post('/api/practices')
        .set('Authorization', partnerAuth)
        .send(hostileBody(markdown))
        .expect(201);
      const id = created.body.id as string;
      await api().post(`/api/practices/${id}/submit`).set('Authorization', partnerAuth).send({}).expect(200);
      await api().post(`/api/practices/${id}/publish`).set('Authorization', coordinatorAuth).send({}).expect(200);

      const res = await api().get(`/api/practices/${id}`).expect(200);
      const view = await ctx.services.practices.view(undefined, id, { locale: 'en' });

      for (const field of HTML_FIELDS) {
        expect({ field, problems: findUnsafeConstructs(res.body.published.html[field]) }).toEqual({
          field,
          problems: [],
        });
        expect({ field, problems: findUnsafeConstructs(view.content.html[field]) }).toEqual({ field, problems: [] });
      }
      // Nothing the author wrote is lost: the stored text is exactly what was sent.
      expect(res.body.published.description).toBe(markdown.trim());
      expect(res.body.published.html.summary).not.toMatch(/<(?!br>)[a-z]/i);
    },
  );
});
