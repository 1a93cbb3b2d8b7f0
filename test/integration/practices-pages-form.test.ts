import { Types } from 'mongoose';
import type { User } from '../../server/features/users/users.service';
import { createUser, csrfFrom, signedInAgent } from '../support/factories';
import {
  completeFormValues,
  draftPractice,
  encodeForm,
  fieldErrorText,
  fieldValue,
  isChecked,
  practiceFormPairs,
  selectedValue,
  type Pair,
} from '../support/practice-pages';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;
let coordinator: User;

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
});

afterAll(async () => {
  await ctx.close();
});

const practices = () => ctx.db.collection('practices');
const stored = (id: string) => practices().findOne({ _id: new Types.ObjectId(id) });
const idFrom = (location: string) => /\/practices\/([0-9a-f]{24})/.exec(location)?.[1] ?? '';

async function partnerAgent() {
  const { agent } = await signedInAgent(ctx.app, partner);
  const page = await agent.get('/practices/new').expect(200);
  return { agent, csrf: csrfFrom(page.text) };
}

describe('new practice form', () => {
  it('when a partner opens the form, then every section is there with their city chosen and both buttons', async () => {
    const { agent } = await signedInAgent(ctx.app, partner);

    const res = await agent.get('/practices/new').expect(200);

    expect(selectedValue(res.text, 'city')).toBe('daugavpils');
    for (const id of [
      'title',
      'summary',
      'period-startYear',
      'budget-amountEur',
      'stakeholders',
      'description',
      'lessons',
      'contact-email',
    ]) {
      expect(res.text).toContain(`id="${id}"`);
    }
    // Three empty indicator and source rows, themes and target groups as checkboxes, a Markdown hint.
    expect(res.text).toContain('id="indicators-2-year"');
    expect(res.text).not.toContain('id="indicators-3-year"');
    expect(res.text).toContain('id="sources-2-url"');
    expect(res.text).toContain('id="themes-youth-retention"');
    expect(res.text).toContain('id="targetGroups-seniors"');
    expect(res.text).toMatch(/support Markdown/);
    expect(res.text).toContain('name="intent" value="draft"');
    expect(res.text).toContain('name="intent" value="submit"');
    // A partner writes for their own city only.
    expect(res.text).not.toContain('<option value="kaunas"');
  });

  it('when a planner or a coordinator asks for the form, then they are refused (only partners and admins write practices)', async () => {
    const planner = await createUser(ctx, { role: 'planner' });
    for (const user of [planner, coordinator]) {
      const { agent } = await signedInAgent(ctx.app, user);
      const res = await agent.get('/practices/new').expect(403);
      expect(res.text).toContain('You are not allowed to do that.');
      expect(res.text).not.toContain('name="title"');
    }
  });

  it('when a draft is saved with only a title, then it is stored incomplete and the practice page opens', async () => {
    const { agent, csrf } = await partnerAgent();
    const values = completeFormValues({
      title: 'Only a title for now', summary: '', themes: [], targetGroups: [], startYear: '', ongoing: false, amountEur: '',
      fundingSources: '', stakeholders: '', description: '', results: '', transferability: '', lessons: '', indicators: [],
      sources: [], contactName: '', contactOrganisation: '', contactEmail: '', language: '', event: '',
    }); // prettier-ignore

    const res = await agent
      .post('/practices')
      .type('form')
      .send(
        encodeForm(
          practiceFormPairs(values, [
            ['intent', 'draft'],
            ['_csrf', csrf],
          ]),
        ),
      )
      .expect(303);

    const id = idFrom(res.headers.location as string);
    expect(res.headers.location).toBe(`/practices/${id}?version=working&notice=created`);
    const doc = await stored(id);
    expect(doc).toMatchObject({
      status: 'draft',
      city: 'daugavpils',
      working: { title: 'Only a title for now', summary: '', indicators: [], sources: [] },
    });
    const page = await agent.get(res.headers.location as string).expect(200);
    expect(page.text).toContain('saved as a draft');
  });

  it('when a complete practice is saved and submitted, then every field is stored, typed numbers included, and it waits for review', async () => {
    const { agent, csrf } = await partnerAgent();

    const res = await agent
      .post('/practices')
      .type('form')
      .send(
        encodeForm(
          practiceFormPairs(completeFormValues(), [
            ['intent', 'submit'],
            ['_csrf', csrf],
          ]),
        ),
      )
      .expect(303);

    expect(res.headers.location).toMatch(/notice=submitted$/);
    const doc = await stored(idFrom(res.headers.location as string));
    expect(doc).toMatchObject({
      status: 'submitted',
      working: {
        themes: ['youth-retention', 'civic-participation'],
        period: { startYear: 2018, ongoing: true },
        budget: { amountEur: 12500.5, fundingSources: 'City budget' },
        indicators: [{ name: 'Projects funded', baseline: 0, value: 40, unit: 'projects', year: 2019 }],
        sources: [{ title: 'Council report 2019', url: 'https://example.org/youth-council' }],
        contact: { name: 'Anna Example', email: 'anna@example.lv' },
        language: 'lv',
        event: '2019-02-palermo-youth',
      },
    });
  });

  it('when the form is invalid, then it comes back with 422, every typed value kept and messages beside the right fields', async () => {
    const { agent, csrf } = await partnerAgent();
    const before = await practices().countDocuments();
    const values = completeFormValues({
      title: 'Bad',
      description: 'Line one with <b>markup</b> & "quotes"\nline two',
      indicators: [
        { name: 'Jobs created', baseline: '3', value: '25', unit: 'jobs', year: '2019' },
        { name: 'Families back', baseline: '', value: 'many', unit: 'families', year: '2019' },
      ],
      sources: [{ title: 'Report', url: 'not a link' }],
      endYear: '2015',
      ongoing: false,
      contactEmail: 'anna-at-example',
    });

    const res = await agent
      .post('/practices')
      .type('form')
      .send(
        encodeForm(
          practiceFormPairs(values, [
            ['intent', 'draft'],
            ['_csrf', csrf],
          ]),
        ),
      )
      .expect(422);

    // Every value as typed, including both indicator rows, the Markdown textarea and the checkboxes.
    expect(fieldValue(res.text, 'title')).toBe('Bad');
    expect(fieldValue(res.text, 'description')).toBe('Line one with <b>markup</b> & "quotes"\nline two');
    expect(fieldValue(res.text, 'indicators-0-name')).toBe('Jobs created');
    expect(fieldValue(res.text, 'indicators-1-value')).toBe('many');
    expect(fieldValue(res.text, 'indicators-1-unit')).toBe('families');
    expect(fieldValue(res.text, 'sources-0-url')).toBe('not a link');
    expect(fieldValue(res.text, 'budget-amountEur')).toBe('12 500,50');
    expect(fieldValue(res.text, 'contact-email')).toBe('anna-at-example');
    expect(isChecked(res.text, 'themes-civic-participation')).toBe(true);
    expect(selectedValue(res.text, 'event')).toBe('2019-02-palermo-youth');
    // Typed rows plus three empty ones.
    expect(res.text).toContain('id="indicators-4-name"');
    expect(res.text).not.toContain('id="indicators-5-name"');
    // Messages beside the fields they are about, and a summary linking to them.
    expect(fieldErrorText(res.text, 'title')).toMatch(/5 to 200 characters/);
    expect(fieldErrorText(res.text, 'indicators.1.value')).toMatch(/enter a number/);
    expect(fieldErrorText(res.text, 'indicators.0.value')).toBeUndefined();
    expect(fieldErrorText(res.text, 'sources.0.url')).toMatch(/web address/);
    expect(fieldErrorText(res.text, 'period.endYear')).toMatch(/cannot be before the start year/);
    expect(fieldErrorText(res.text, 'contact.email')).toMatch(/valid e-mail/);
    expect(res.text).toMatch(/<a href="#indicators-1-value">Indicator 2: Value: Please enter a number\.<\/a>/);
    expect(res.text).toContain('aria-describedby="indicators.1.value-error" aria-invalid="true"');
    expect(await practices().countDocuments()).toBe(before);
  });

  it('when "save and submit" lacks mandatory fields, then nothing is stored and each missing field is marked', async () => {
    const { agent, csrf } = await partnerAgent();
    const before = await practices().countDocuments();
    const values = completeFormValues({ summary: '', themes: [], results: '', contactName: '', language: '' });

    const res = await agent
      .post('/practices')
      .type('form')
      .send(
        encodeForm(
          practiceFormPairs(values, [
            ['intent', 'submit'],
            ['_csrf', csrf],
          ]),
        ),
      )
      .expect(422);

    for (const key of ['summary', 'themes', 'results', 'contact.name', 'language']) {
      expect({ key, message: fieldErrorText(res.text, key) }).toEqual({
        key,
        message: expect.stringMatching(/required before the practice can be submitted/),
      });
    }
    expect(fieldErrorText(res.text, 'description')).toBeUndefined();
    expect(fieldValue(res.text, 'description')).toBe(values.description);
    expect(await practices().countDocuments()).toBe(before);
  });

  it('when another European city is chosen, then its name and country are stored; without a name the form says so', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const { agent } = await signedInAgent(ctx.app, admin);
    const csrf = csrfFrom((await agent.get('/practices/new').expect(200)).text);
    const base = completeFormValues({ city: 'other', cityName: 'Rīga', country: 'LV', title: 'A practice from Rīga' });

    const saved = await agent
      .post('/practices')
      .type('form')
      .send(encodeForm(practiceFormPairs(base, [['_csrf', csrf]])))
      .expect(303);
    const missing = await agent
      .post('/practices')
      .type('form')
      .send(encodeForm(practiceFormPairs({ ...base, cityName: '' }, [['_csrf', csrf]])))
      .expect(422);

    expect(await stored(idFrom(saved.headers.location as string))).toMatchObject({
      city: 'riga-lv',
      cityName: 'Rīga',
      country: 'LV',
    });
    expect(fieldErrorText(missing.text, 'cityName')).toMatch(/give the city/);
    expect(selectedValue(missing.text, 'city')).toBe('other');
    expect(selectedValue(missing.text, 'country')).toBe('LV');
  });

  it('when a crafted body sends objects or unknown fields, then it is refused with 422 and nothing is stored', async () => {
    const { agent, csrf } = await partnerAgent();
    const before = await practices().countDocuments();
    const pairs: Pair[] = [
      ['title[$gt]', ''],
      ['summary', 'x'],
      ['owner', 'me'],
      ['_csrf', csrf],
    ];

    const res = await agent.post('/practices').type('form').send(encodeForm(pairs)).expect(422);

    expect(res.text).toContain('This field is not part of a practice.');
    expect(await practices().countDocuments()).toBe(before);
  });
});

describe('edit form', () => {
  it('when the edit form opens, then it shows the stored practice with its revision and three empty rows after the stored ones', async () => {
    const draft = await draftPractice(ctx, partner);
    const { agent } = await signedInAgent(ctx.app, partner);

    const res = await agent.get(`/practices/${draft.id}/edit`).expect(200);

    expect(res.text).toContain(`name="revision" value="${draft.revision}"`);
    expect(fieldValue(res.text, 'title')).toBe('Return-migration advisers in Latgale');
    expect(fieldValue(res.text, 'indicators-0-value')).toBe('68');
    expect(fieldValue(res.text, 'indicators-3-name')).toBe('');
    expect(res.text).not.toContain('id="indicators-4-name"');
    expect(fieldValue(res.text, 'contact-email')).toBe('inese@example.lv');
  });

  it('when someone saved in between, then 409 shows both texts, keeps what the person typed and stores nothing new', async () => {
    const draft = await draftPractice(ctx, partner);
    const { agent } = await signedInAgent(ctx.app, partner);
    const form = await agent.get(`/practices/${draft.id}/edit`).expect(200);
    const csrf = csrfFrom(form.text);
    await ctx.services.practices.update(partner, draft.id, {
      revision: 1,
      description: 'The colleague’s newer description.',
    });
    const mine = completeFormValues({
      title: 'Return-migration advisers in Latgale',
      description: 'My own careful rewrite.',
    });

    const res = await agent
      .post(`/practices/${draft.id}/edit`)
      .type('form')
      .send(
        encodeForm(
          practiceFormPairs(mine, [
            ['revision', '1'],
            ['_csrf', csrf],
          ]),
        ),
      )
      .expect(409);

    expect(fieldValue(res.text, 'description')).toBe('My own careful rewrite.');
    expect(res.text).toContain(
      '<pre class="stored-text" data-stored="description">The colleague’s newer description.</pre>',
    );
    expect(res.text).toContain('name="revision" value="2"');
    expect(res.text).toContain('Someone else saved this practice');
    const doc = await stored(draft.id);
    expect(doc).toMatchObject({ revision: 2, working: { description: 'The colleague’s newer description.' } });
    expect(await ctx.db.collection('practice_revisions').countDocuments({ practiceId: doc!._id })).toBe(2);
  });

  it('when the person then saves again from the conflict page, then their text is stored as the next revision', async () => {
    const draft = await draftPractice(ctx, partner);
    await ctx.services.practices.update(partner, draft.id, { revision: 1, lessons: 'Changed meanwhile.' });
    const { agent } = await signedInAgent(ctx.app, partner);
    const csrf = csrfFrom((await agent.get(`/practices/${draft.id}/edit`)).text);

    await agent
      .post(`/practices/${draft.id}/edit`)
      .type('form')
      .send(
        encodeForm(
          practiceFormPairs(completeFormValues({ lessons: 'Final lessons.' }), [
            ['revision', '2'],
            ['_csrf', csrf],
          ]),
        ),
      )
      .expect(303);

    expect(await stored(draft.id)).toMatchObject({ revision: 3, working: { lessons: 'Final lessons.' } });
  });

  it('when fields are emptied on edit, then the stored values are cleared', async () => {
    const draft = await draftPractice(ctx, partner);
    const { agent } = await signedInAgent(ctx.app, partner);
    const csrf = csrfFrom((await agent.get(`/practices/${draft.id}/edit`)).text);
    const emptied = completeFormValues({
      title: 'Return-migration advisers in Latgale',
      event: '',
      language: '',
      indicators: [],
      amountEur: '',
    });

    await agent
      .post(`/practices/${draft.id}/edit`)
      .type('form')
      .send(
        encodeForm(
          practiceFormPairs(emptied, [
            ['revision', '1'],
            ['_csrf', csrf],
          ]),
        ),
      )
      .expect(303);

    const doc = await stored(draft.id);
    expect(doc?.working.indicators).toEqual([]);
    expect(doc?.working.event ?? null).toBeNull();
    expect(doc?.working.language ?? null).toBeNull();
    expect(doc?.working.budget.amountEur ?? null).toBeNull();
  });

  it('when a partner of another city opens or posts the edit form, then they are refused and nothing changes', async () => {
    const draft = await draftPractice(ctx, partner);
    const other = await createUser(ctx, { role: 'partner', city: 'kaunas' });
    const { agent, csrf } = await signedInAgent(ctx.app, other);

    await agent.get(`/practices/${draft.id}/edit`).expect(403);
    await agent
      .post(`/practices/${draft.id}/edit`)
      .type('form')
      .send(
        encodeForm([
          ['title', 'Taken over'],
          ['revision', '1'],
          ['_csrf', csrf],
        ]),
      )
      .expect(403);

    expect(await stored(draft.id)).toMatchObject({
      revision: 1,
      working: { title: 'Return-migration advisers in Latgale' },
    });
  });
});

describe('Latvian', () => {
  it('when the form is shown in Latvian, then its labels and buttons are translated', async () => {
    const { agent } = await signedInAgent(ctx.app, partner);
    await agent.get('/lang/lv?next=/practices/new');

    const res = await agent.get('/practices/new').expect(200);

    expect(res.text).toContain('<html lang="lv">');
    expect(res.text).toContain('Saglabāt melnrakstu');
    expect(res.text).toContain('Saglabāt un iesniegt izskatīšanai');
    expect(res.text).toContain('Grūtības un gūtās atziņas');
    expect(res.text).toContain('Jauniešu noturēšana');
    expect(res.text).not.toContain('practices.');
  });
});
