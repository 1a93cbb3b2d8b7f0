import type { Services } from '../server/app';
import { NETWORK_EVENTS } from '../server/features/events';
import { NETWORK_CITIES } from '../server/features/network';
import type { User } from '../server/features/users';
import { INITIAL_TARGET_GROUPS, INITIAL_THEMES } from '../server/features/vocabularies';
import { CITY_LANGUAGE, INDICATOR_NAMES, WORDS, type WordBank } from './corpus-words';

/** A small seeded PRNG (mulberry32): the same `--size` always gives the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const pickSome = <T>(rng: Rng, items: readonly T[], min: number, max: number): T[] => {
  const count = min + Math.floor(rng() * (max - min + 1));
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  return out;
};
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

function sentence(rng: Rng, bank: WordBank, cityName: string): string {
  const subject = pick(rng, bank.subjects);
  return `${subject[0]!.toUpperCase()}${subject.slice(1)} ${bank.link} ${pick(rng, bank.means)} (${cityName}): ${pick(rng, bank.outcomes)} ${int(rng, 12, 950)}.`;
}

function paragraph(rng: Rng, banks: WordBank[], cityName: string, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rng, pick(rng, banks), cityName)).join(' ');
}

/**
 * One practice as `POST /api/practices` takes it, complete enough to publish. Texts mix the city's
 * language with English (as the demo set does) at realistic lengths: a title, a two-sentence summary,
 * a description of a few paragraphs with a list, results with numbers, and the other long fields.
 */
export function practiceContent(i: number, rng: Rng): Record<string, unknown> {
  const city = NETWORK_CITIES[i % NETWORK_CITIES.length]!;
  const local = CITY_LANGUAGE[city.slug] ?? 'en';
  const language = rng() < 0.6 ? local : 'en';
  const banks = [
    WORDS[language],
    WORDS[language],
    WORDS.en,
    WORDS[pick(rng, Object.keys(WORDS) as (keyof typeof WORDS)[])],
  ];
  const own = WORDS[language];
  const startYear = int(rng, 2004, 2024);
  const ongoing = rng() < 0.4;
  const endYear = ongoing || rng() < 0.3 ? undefined : Math.min(2025, startYear + int(rng, 1, 6));
  const title = `${pick(rng, own.subjects)} ${own.link} ${pick(rng, own.means)} — ${city.name} ${startYear} #${i}`;
  const bullets = Array.from(
    { length: int(rng, 3, 6) },
    () => `- **${pick(rng, own.means)}**: ${sentence(rng, pick(rng, banks), city.name)}`,
  );
  return {
    title: title[0]!.toUpperCase() + title.slice(1),
    summary: paragraph(rng, banks, city.name, 2),
    city: city.slug,
    themes: pickSome(rng, INITIAL_THEMES, 1, 3).map((t) => t.slug),
    targetGroups: pickSome(rng, INITIAL_TARGET_GROUPS, 1, 3).map((t) => t.slug),
    period: { startYear, ...(endYear ? { endYear } : {}), ongoing },
    budget:
      rng() < 0.75
        ? { amountEur: int(rng, 5, 5000) * 1000, fundingSources: paragraph(rng, [own], city.name, 1).slice(0, 400) }
        : {},
    stakeholders: `${city.partner}; ${pick(rng, own.means)}; ${pick(rng, WORDS.en.means)}.`,
    description: [paragraph(rng, banks, city.name, 4), bullets.join('\n'), paragraph(rng, banks, city.name, 3)].join(
      '\n\n',
    ),
    results: `${paragraph(rng, banks, city.name, 3)}\n\n| Indicator | Value |\n| --- | --- |\n| ${pick(rng, own.outcomes)} | ${int(rng, 10, 5000)} |`,
    transferability: paragraph(rng, banks, city.name, 3),
    lessons: Array.from({ length: int(rng, 2, 4) }, () => `- ${sentence(rng, pick(rng, banks), city.name)}`).join('\n'),
    indicators: pickSome(rng, INDICATOR_NAMES, 0, 3).map(([name, unit]) => ({
      name,
      unit,
      year: Math.min(2025, startYear + int(rng, 0, 5)),
      value: int(rng, 1, 900),
      ...(rng() < 0.5 ? { baseline: int(rng, 0, 400) } : {}),
    })),
    sources:
      rng() < 0.5 ? [{ title: `${city.name} report ${startYear}`, url: `https://example.org/${city.slug}/${i}` }] : [],
    contact: { name: `Contact ${i}`, organisation: city.partner, email: `contact${i}@example.org` },
    language,
    ...(rng() < 0.2 ? { event: pick(rng, NETWORK_EVENTS).slug } : {}),
    // A practice in another language is published with its title and summary in English too.
    ...(language === 'en'
      ? {}
      : {
          titleEn: `${pick(rng, WORDS.en.subjects)} ${WORDS.en.link} ${pick(rng, WORDS.en.means)} — ${city.name} ${startYear} #${i}`,
          summaryEn: paragraph(rng, [WORDS.en], city.name, 2),
        }),
  };
}

export type BenchAuthors = { coordinator: User; partners: Map<string, User> };

/** A coordinator and one partner per network city (passwords are never used: nobody signs in). */
export async function createAuthors(services: Services): Promise<BenchAuthors> {
  const password = `bench-${Math.random().toString(36).slice(2)}-password`;
  const coordinator = await services.users.create({
    email: 'bench.coordinator@example.org',
    name: 'Bench coordinator',
    role: 'coordinator',
    password,
  });
  const partners = new Map<string, User>();
  for (const city of NETWORK_CITIES) {
    partners.set(
      city.slug,
      await services.users.create({
        email: `bench.partner.${city.slug}@example.org`,
        name: `Bench partner ${city.name}`,
        role: 'partner',
        city: city.slug,
        password,
      }),
    );
  }
  return { coordinator, partners };
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Loads `size` published practices through `seedPractice` (the demo seed's path: validated like the
 * API, with a revision history), a few in parallel. Every one is left pending for the search sync.
 */
export async function seedCorpus(
  services: Services,
  authors: BenchAuthors,
  size: number,
  parallel = 4,
): Promise<string[]> {
  const rng = prng(20180301);
  const contents = Array.from({ length: size }, (_, i) => practiceContent(i, rng));
  const ids = new Array<string>(size);
  let next = 0;
  const epoch = Date.UTC(2018, 2, 1);
  async function lane() {
    while (next < size) {
      const i = next++;
      const content = contents[i]!;
      // Publication dates spread over seven years, so "newest first" has something to sort.
      const date = new Date(epoch + Math.floor((i * 7 * 365 * DAY) / size));
      const { id } = await services.practices.seedPractice({
        content,
        status: 'published',
        createdBy: authors.partners.get(content.city as string)!.id,
        reviewedBy: authors.coordinator.id,
        createdAt: new Date(date.getTime() - 21 * DAY),
        date,
      });
      ids[i] = id;
    }
  }
  await Promise.all(Array.from({ length: parallel }, () => lane()));
  return ids;
}
