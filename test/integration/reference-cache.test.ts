import { createReferenceCache } from '../../server/lib/reference-cache';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx.close();
});

describe('reference data cache', () => {
  it('when two instances share the data and one changes it, then the other reloads once its next check sees the counter', async () => {
    let stored = ['daugavpils'];
    let loads = 0;
    let clock = 0;
    const load = () => {
      loads += 1;
      return Promise.resolve([...stored]);
    };
    const a = createReferenceCache(ctx.db, 'test-cities', load, { checkEveryMs: 1000, now: () => clock });
    const b = createReferenceCache(ctx.db, 'test-cities', load, { checkEveryMs: 1000, now: () => clock });

    expect(await a.get()).toEqual(['daugavpils']);
    expect(await b.get()).toEqual(['daugavpils']);
    expect(await b.get()).toEqual(['daugavpils']);
    expect(loads).toBe(2);

    stored = ['daugavpils', 'kaunas'];
    await a.changed();

    expect(await a.get()).toEqual(['daugavpils', 'kaunas']);
    expect(await b.get()).toEqual(['daugavpils']);
    clock += 1000;
    expect(await b.get()).toEqual(['daugavpils', 'kaunas']);
    expect(loads).toBe(4);
    clock += 1000;
    expect(await b.get()).toEqual(['daugavpils', 'kaunas']);
    expect(loads).toBe(4);
  });

  it('when many requests ask at once, then the data is loaded once and nobody can change the shared copy', async () => {
    let loads = 0;
    const cache = createReferenceCache(ctx.db, 'test-terms', () => {
      loads += 1;
      return Promise.resolve({ terms: [{ slug: 'youth' }] });
    });

    const all = await Promise.all(Array.from({ length: 20 }, () => cache.get()));

    expect(loads).toBe(1);
    expect(new Set(all).size).toBe(1);
    expect(() => {
      (all[0]!.terms as { slug: string }[]).push({ slug: 'x' });
    }).toThrow(TypeError);
  });

  it('when a coordinator renames a theme, then the next page in the same instance shows the new label', async () => {
    const coordinator = await ctx.services.users.create({ name: 'C', email: 'cache-coordinator@example.test', role: 'coordinator', password: 'correct horse battery' });
    const actor = { id: coordinator.id, role: coordinator.role };
    expect((await ctx.services.vocabularies.labels('theme', 'en')).get('youth-retention')).toBe('Youth retention');

    await ctx.services.vocabularies.rename(actor, 'theme', 'youth-retention', { en: 'Keeping young people', lv: 'Jauniešu noturēšana' });

    expect((await ctx.services.vocabularies.labels('theme', 'en')).get('youth-retention')).toBe('Keeping young people');
  });
});
