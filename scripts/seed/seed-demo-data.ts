import { randomBytes } from 'node:crypto';
import type { Services } from '../../server/app';
import { NETWORK_CITIES } from '../../server/features/network';
import type { User } from '../../server/features/users';
import { ValidationError } from '../../server/lib/errors';
import type { Logger } from '../../server/lib/logger';
import type { Role } from '../../server/lib/policy';
import { DEMO_NOTICE, DEMO_PRACTICES } from './demo-practices';
import { findPdfFonts, renderSummarySheet, type PdfFonts } from './demo-pdfs';
import { DemoSeedError, type DemoPractice } from './demo-types';
import { removeDemoProposals, seedDemoProposals, type DemoProposalsReport } from './seed-demo-proposals';

/** Every demo practice is stored with `importKey` = this prefix + its demo slug: that is what marks it as demo data. */
export const DEMO_IMPORT_PREFIX = 'demo:';
export const demoImportKey = (practice: Pick<DemoPractice, 'demoSlug'>) => `${DEMO_IMPORT_PREFIX}${practice.demoSlug}`;

export { DemoSeedError };

export type DemoAccount = { email: string; name: string; role: Role; city?: string };

/** One coordinator (the lead partner's), one partner per network city and one planner; all on the reserved example.org domain. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'demo.coordinator@example.org', name: 'Demo coordinator, Daugavpils City Council', role: 'coordinator' },
  ...NETWORK_CITIES.map((city) => ({
    email: `demo.partner.${city.slug}@example.org`,
    name: `Demo partner, ${city.partner} (${city.name})`,
    role: 'partner' as const,
    city: city.slug,
  })),
  { email: 'demo.planner@example.org', name: 'Demo planner', role: 'planner' },
];

export type SeedOptions = {
  /** Password for demo accounts that do not exist yet; a random one is generated (and reported) when absent. */
  password?: string | undefined;
  /** Remove the demo practices (only those) before loading. */
  reset?: boolean | undefined;
  logger?: Logger | undefined;
  /** "Today" for the practices still in the workflow (their dates are relative to it). */
  now?: Date | undefined;
  /** The PDF fonts; found on the system when not given (null: use the built-in fonts). */
  fonts?: PdfFonts | null;
};

export type SeedReport = {
  created: number;
  existing: number;
  removed: number;
  /** PDF summary sheets attached to the practices created in this run. */
  attachments: number;
  /** Demo recommendations, the published demo edition and illustrative adoption cells (and how many --reset removed). */
  proposals: DemoProposalsReport & { removed: number };
  /** Whether the PDFs embed a font with the partner languages' letters (else diacritics are folded). */
  unicodePdfs: boolean;
  accounts: { email: string; role: Role; city?: string | undefined; created: boolean }[];
  /** Set when accounts were created with a generated password: show it once, it is stored nowhere. */
  generatedPassword?: string | undefined;
};

/** The method `--reset` needs from the practices service; see the report of the seed for its state. */
type DemoReset = { removeImported(importKeyPrefix: string): Promise<number> };

const DAY = 24 * 60 * 60 * 1000;

async function ensureAccounts(services: Services, password: string | undefined) {
  let generated: string | undefined;
  const users = new Map<string, User>();
  const accounts: SeedReport['accounts'] = [];
  for (const account of DEMO_ACCOUNTS) {
    let user = await services.users.findByEmail(account.email);
    const created = !user;
    if (!user) {
      generated ??= password ? undefined : randomBytes(12).toString('base64url');
      user = await services.users.create({ ...account, password: password ?? generated! });
    }
    users.set(account.email, user);
    accounts.push({ email: user.email, role: user.role, city: user.city, created });
  }
  return { users, accounts, generatedPassword: generated };
}

/** When the practice reached its status, and when it was started (a few weeks earlier for published ones). */
function datesOf(practice: DemoPractice, now: Date): { date: Date; createdAt: Date } {
  if (practice.status === 'published') {
    if (!practice.date) throw new DemoSeedError(`Demo practice ${practice.demoSlug} is published but has no date.`);
    const date = new Date(`${practice.date}T10:00:00Z`);
    return { date, createdAt: new Date(date.getTime() - 21 * DAY) };
  }
  const date = new Date(now.getTime() - (practice.daysAgo ?? 1) * DAY);
  return { date, createdAt: practice.status === 'draft' ? date : new Date(date.getTime() - 10 * DAY) };
}

/**
 * Loads the demo data set through the services, as the server would store it: the network's reference
 * data, demo accounts, and every demo practice with its revision history and PDF summary sheets (stored
 * like uploads, with their text extracted for search). Idempotent: practices are keyed by their demo slug
 * (`importKey`), existing accounts are left as they are. Used by `npm run seed`, by the server for an empty
 * embedded database, and by the tests.
 */
export async function seedDemoData(services: Services, options: SeedOptions = {}): Promise<SeedReport> {
  const now = options.now ?? new Date();
  const fonts = options.fonts === null ? undefined : (options.fonts ?? findPdfFonts());
  await services.network.ensureReferenceData();
  await services.events.ensureReferenceData();
  await services.vocabularies.ensureReferenceData();

  let removed = 0;
  let removedProposals = 0;
  if (options.reset) {
    const practices = services.practices as typeof services.practices & Partial<DemoReset>;
    if (typeof practices.removeImported !== 'function') {
      throw new DemoSeedError(
        '--reset needs removeImported() in the practices service, which it does not offer yet: nothing was changed.',
      );
    }
    // What cites the demo practices goes first: recommendations, the edition and its adoption cells.
    removedProposals = await removeDemoProposals(services);
    removed = await practices.removeImported(DEMO_IMPORT_PREFIX);
  }

  const { users, accounts, generatedPassword } = await ensureAccounts(services, options.password);
  const coordinator = users.get('demo.coordinator@example.org')!;
  const partnerOf = (city: string) => {
    const partner = users.get(`demo.partner.${city}@example.org`);
    if (!partner) throw new DemoSeedError(`No demo partner account for the city "${city}".`);
    return partner;
  };

  let created = 0;
  let attachments = 0;
  const practiceIds = new Map<string, string>();
  for (const practice of DEMO_PRACTICES) {
    const { date, createdAt } = datesOf(practice, now);
    const sheet = practice.summarySheet
      ? await renderSummarySheet(practice.content, { fonts, date: practice.date, filenameBase: practice.demoSlug })
      : undefined;
    const result = await services.practices
      .seedPractice({
        content: { ...practice.content, illustrative: practice.illustrative },
        status: practice.status,
        createdBy: partnerOf(practice.content.city).id,
        reviewedBy: coordinator.id,
        createdAt,
        date,
        reviewNote: practice.reviewComment,
        attachments: sheet ? [{ buffer: sheet.buffer, originalName: sheet.filename }] : [],
        importKey: demoImportKey(practice),
      })
      .catch((err: unknown) => {
        // A vocabulary term the coordinator retired, or a city missing from the network, lands here.
        if (!(err instanceof ValidationError)) throw err;
        const fields = Object.entries(err.fields).map(([field, keys]) => `${field}: ${keys.join(', ')}`);
        throw new DemoSeedError(
          `The demo practice "${practice.demoSlug}" was refused (${fields.join('; ') || err.message}).`,
        );
      });
    practiceIds.set(practice.demoSlug, result.id);
    if (result.created) {
      created += 1;
      if (sheet) attachments += 1;
    }
  }
  const proposals = { ...(await seedDemoProposals(services, { coordinator, partnerOf, practiceIds })), removed: removedProposals };
  options.logger?.info({ created, existing: DEMO_PRACTICES.length - created, removed, proposals }, DEMO_NOTICE);
  return {
    proposals,
    created,
    existing: DEMO_PRACTICES.length - created,
    removed,
    attachments,
    unicodePdfs: Boolean(fonts),
    accounts,
    generatedPassword,
  };
}
