import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createUser, csrfFrom, signedInAgent } from '../support/factories';
import { completeFormValues, encodeForm, practiceFormPairs } from '../support/practice-pages';
import { samplePdf } from '../support/sample-files';
import { createTestContext, type TestContext } from '../support/test-context';
import { XSS_VECTORS, findUnsafeConstructs, markdownRegions } from '../support/xss-vectors';

/**
 * Every text a person can type into a practice, filled with known XSS vectors, published, and rendered on
 * every page that shows it. The page layout has its own forms and scripts, so each page is compared with
 * the same page rendered for an identically shaped practice of harmless text: any construct beyond the
 * layout's would come from the vectors. Rendered Markdown regions must hold no unsafe construct at all.
 */

let ctx: TestContext;
let admin: User;
let coordinator: User;

const VECTORS = XSS_VECTORS.map((v) => v.markdown);
const ALL_MARKDOWN = VECTORS.join('\n\n');

/** Vectors packed into groups that fit the tightest multi-vector field (the 200-character title). */
function chunks(max: number): string[][] {
  const groups: string[][] = [[]];
  for (const vector of VECTORS) {
    const current = groups[groups.length - 1]!;
    if ([...current, vector].join(' ').length > max && current.length > 0) groups.push([vector]);
    else current.push(vector);
  }
  return groups;
}

type Shape = { title: string; words: string[]; markdown: string; cityName: string; comment: string; reason: string };

/** Harmless text of the same lengths, so both practices render the same page structure. */
const harmless = (text: string) => text.replace(/[^\s]/g, 'x');

function contentOf(shape: Shape) {
  const joined = shape.words.join(' ');
  return {
    title: shape.title,
    summary: joined.slice(0, 600),
    // The English title and summary are shown beside the original: vectors there too.
    titleEn: shape.title,
    summaryEn: joined.slice(0, 600),
    cityName: shape.cityName,
    country: 'LV',
    themes: ['youth-retention'],
    targetGroups: ['youth'],
    period: { startYear: 2018, ongoing: true },
    budget: { amountEur: 1000, fundingSources: joined.slice(0, 500) },
    stakeholders: joined.slice(0, 1000),
    description: shape.markdown,
    results: shape.markdown,
    transferability: shape.markdown,
    lessons: shape.markdown,
    indicators: shape.words.map((word) => ({
      name: word.slice(0, 120),
      baseline: 1,
      value: 2,
      unit: word.slice(0, 40),
      year: 2019,
    })),
    sources: shape.words.map((word) => ({
      title: word.slice(0, 200),
      url: `https://example.org/?q=${encodeURIComponent(word)}"><script>alert(1)</script>`,
    })),
    contact: { name: joined.slice(0, 200), organisation: joined.slice(0, 200), email: 'contact@example.org' },
    language: 'lv' as const,
  };
}

type Pages = Record<string, string>;
const page = (pages: Pages, name: string) => pages[name] ?? '';

/** Takes the practice through the whole workflow, rendering each page that shows its texts on the way. */
async function renderEverywhere(shape: Shape): Promise<Pages> {
  const pages: Pages = {};
  const draft = await ctx.services.practices.create(admin, {
    title: 'Harmless first revision',
    cityName: shape.cityName,
    country: 'LV',
  });
  const updated = await ctx.services.practices.update(admin, draft.id, { revision: 1, ...contentOf(shape) });
  await ctx.services.practices.addAttachments(
    admin,
    draft.id,
    [{ buffer: await samplePdf([['x']]), originalname: `${shape.words[0]}.pdf` }],
    {
      revision: String(updated.revision),
    },
  );
  await ctx.services.practices.addComment(admin, draft.id, { body: shape.comment });
  await ctx.services.practices.submit(admin, draft.id);
  await ctx.services.practices.requestChanges(coordinator, draft.id, { reason: shape.reason });

  const coordinatorAgent = (await signedInAgent(ctx.app, coordinator)).agent;
  const adminSession = await signedInAgent(ctx.app, admin);
  pages.working = (await adminSession.agent.get(`/practices/${draft.id}`).expect(200)).text;
  const edit = (await adminSession.agent.get(`/practices/${draft.id}/edit`).expect(200)).text;
  pages.edit = edit;
  const typed = (title: string) =>
    encodeForm(
      practiceFormPairs(
        completeFormValues({
          title,
          description: shape.markdown,
          lessons: shape.markdown,
          summary: shape.words.join(' ').slice(0, 600),
        }),
        [
          ['revision', '1'],
          ['_csrf', csrfFrom(edit)],
        ],
      ),
    );
  // Refused (the title is too short) and in conflict (revision 1 is old): both show what was typed.
  pages.invalidForm = (
    await adminSession.agent.post(`/practices/${draft.id}/edit`).type('form').send(typed('x')).expect(422)
  ).text;
  pages.conflictForm = (
    await adminSession.agent.post(`/practices/${draft.id}/edit`).type('form').send(typed('A valid title')).expect(409)
  ).text;

  await ctx.services.practices.submit(admin, draft.id);
  pages.review = (await coordinatorAgent.get('/review').expect(200)).text;
  await ctx.services.practices.publish(coordinator, draft.id);
  pages.visitor = (await request(ctx.app).get(`/practices/${draft.id}`).expect(200)).text;
  pages.coordinator = (await coordinatorAgent.get(`/practices/${draft.id}?version=working`).expect(200)).text;
  pages.history = (await coordinatorAgent.get(`/practices/${draft.id}/history?from=1&to=2`).expect(200)).text;
  pages.historyAttachments = (
    await coordinatorAgent.get(`/practices/${draft.id}/history?from=2&to=3`).expect(200)
  ).text;
  // Only this practice is in its (derived) city, so the list shows exactly it.
  const city = (await ctx.services.practices.get(coordinator, draft.id)).city;
  await ctx.services.searchIndexing.sync.drain();
  pages.browse = (await request(ctx.app).get(`/search?city=${city}`).expect(200)).text;
  return pages;
}

/** A partner's "my city" with a practice sent back with a hostile reason. */
async function myCityWith(shape: Shape, city: string): Promise<string> {
  const partner = await createUser(ctx, { role: 'partner', city });
  const draft = await ctx.services.practices.create(partner, {
    title: shape.title,
    summary: shape.words.join(' ').slice(0, 600),
  });
  await ctx.services.practices.update(partner, draft.id, {
    revision: 1,
    ...contentOf(shape),
    cityName: undefined,
    country: undefined,
    city,
  });
  await ctx.services.practices.submit(partner, draft.id);
  await ctx.services.practices.requestChanges(coordinator, draft.id, { reason: shape.reason });
  return (await (await signedInAgent(ctx.app, partner)).agent.get('/my-city').expect(200)).text;
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await createUser(ctx, { role: 'admin' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
});

afterAll(async () => {
  await ctx.close();
});

const sorted = (list: string[]) => [...list].sort();

describe('XSS vectors in every text field', () => {
  const groups = chunks(200);

  it.each(groups.map((group, i) => [i + 1, group] as const))(
    'when practice %i holds vectors in every field and is published, then no page renders an unsafe construct',
    async (index, group) => {
      const vectorShape: Shape = {
        title: group.join(' ').padEnd(5, '!'),
        words: group,
        markdown: ALL_MARKDOWN,
        cityName: `${group[0]!.slice(0, 90)} ${index}`,
        comment: group.join('\n'),
        reason: group.join('\n'),
      };
      const benignShape: Shape = {
        title: harmless(vectorShape.title),
        words: group.map(harmless),
        markdown: 'Harmless text.',
        cityName: `Harmless town ${index}`,
        comment: harmless(vectorShape.comment),
        reason: harmless(vectorShape.reason),
      };

      const hostile = await renderEverywhere(vectorShape);
      const benign = await renderEverywhere(benignShape);
      const hostileCity = await myCityWith(vectorShape, 'palermo');
      const benignCity = await myCityWith(benignShape, 'oradea');

      for (const [name, html] of Object.entries(hostile)) {
        expect({ name, problems: sorted(findUnsafeConstructs(html)) }).toEqual({
          name,
          problems: sorted(findUnsafeConstructs(page(benign, name))),
        });
        for (const region of markdownRegions(html))
          expect({ name, problems: findUnsafeConstructs(region) }).toEqual({ name, problems: [] });
      }
      expect(sorted(findUnsafeConstructs(hostileCity))).toEqual(sorted(findUnsafeConstructs(benignCity)));
      // The vectors were really there: shown as text, and the Markdown sections rendered on the practice page.
      expect(page(hostile, 'visitor')).toContain('&lt;');
      expect(markdownRegions(page(hostile, 'visitor'))).toHaveLength(4);
      expect(page(hostile, 'history')).toContain('<ins>');
      expect(hostileCity).toContain('&lt;');
    },
  );
});
