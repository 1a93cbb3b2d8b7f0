import type { ObjectId } from 'mongodb';
import type { User } from '../../server/features/users/users.service';
import type { PracticeStatus } from '../../server/lib/policy';
import { completePracticeBody, createUser } from './factories';
import type { TestContext } from './test-context';

/**
 * A small knowledge base for the overview pages (dashboard, map, exports): practices in several cities,
 * themes and starting years, in every workflow state, plus one archived and one deleted. Set up through
 * the practices service as people would, then indexed by the real sync worker.
 */
export type OverviewFixture = {
  coordinator: User;
  partners: Record<string, User>;
  ids: Record<string, string>;
};

type Spec = {
  key: string;
  city: string;
  themes: string[];
  startYear: number;
  end: PracticeStatus | 'deleted';
  event?: string;
};

const SPECS: Spec[] = [
  { key: 'dgp-return', city: 'daugavpils', themes: ['return-migration-diaspora'], startYear: 2018, end: 'published', event: '2018-05-daugavpils-kick-off' },
  { key: 'dgp-youth', city: 'daugavpils', themes: ['youth-retention', 'civic-participation'], startYear: 2016, end: 'published' },
  { key: 'dgp-housing', city: 'daugavpils', themes: ['housing-urban-regeneration'], startYear: 2014, end: 'published' },
  { key: 'kau-youth', city: 'kaunas', themes: ['youth-retention'], startYear: 2016, end: 'published', event: '2019-02-palermo-youth' },
  { key: 'kau-digital', city: 'kaunas', themes: ['digital-services', 'youth-retention'], startYear: 2020, end: 'published' },
  { key: 'lodz-housing', city: 'lodz', themes: ['housing-urban-regeneration'], startYear: 2012, end: 'published' },
  { key: 'vejle-draft', city: 'vejle', themes: ['youth-retention'], startYear: 2019, end: 'draft' },
  { key: 'lodz-submitted', city: 'lodz', themes: ['ageing-care'], startYear: 2017, end: 'submitted' },
  { key: 'kau-changes', city: 'kaunas', themes: ['ageing-care'], startYear: 2015, end: 'changes_requested' },
  { key: 'dgp-archived', city: 'daugavpils', themes: ['ageing-care'], startYear: 2010, end: 'archived' },
  { key: 'kau-deleted', city: 'kaunas', themes: ['youth-retention'], startYear: 2011, end: 'deleted' },
]; // prettier-ignore

export async function overviewFixture(ctx: TestContext): Promise<OverviewFixture> {
  const practices = ctx.services.practices;
  const coordinator = await createUser(ctx, { role: 'coordinator' });
  const partners: Record<string, User> = {};
  for (const city of new Set(SPECS.map((s) => s.city))) partners[city] = await createUser(ctx, { role: 'partner', city });
  const ids: Record<string, string> = {};
  for (const spec of SPECS) {
    const author = partners[spec.city] as User;
    const body = completePracticeBody({
      title: `Practice ${spec.key}`,
      summary: `Summary of ${spec.key}: ł ė ș ø ā.`,
      city: spec.city,
      themes: spec.themes,
      period: { startYear: spec.startYear, ongoing: true },
      event: spec.event,
    });
    const { id } = await practices.create(author, body);
    ids[spec.key] = id;
    if (spec.end === 'draft') continue;
    if (spec.end === 'deleted') {
      await practices.submit(author, id);
      await practices.publish(coordinator, id);
      await practices.remove(coordinator, id);
      continue;
    }
    await practices.submit(author, id);
    if (spec.end === 'submitted') continue;
    if (spec.end === 'changes_requested') {
      await practices.requestChanges(coordinator, id, { reason: 'Please add the 2020 figures.' });
      continue;
    }
    await practices.publish(coordinator, id);
    if (spec.end === 'archived') await practices.archive(coordinator, id);
  }
  await ctx.services.searchIndexing.sync.drain();
  return { coordinator, partners, ids };
}

type StoredPractice = {
  _id: ObjectId;
  city: string;
  status: PracticeStatus;
  deleted: boolean;
  published?: { themes?: string[]; period?: { startYear?: number } } | null;
};

/** The published, listed practices as stored in MongoDB: the truth the overview pages must agree with. */
export async function listedPractices(ctx: TestContext): Promise<StoredPractice[]> {
  const all = await ctx.db.collection<StoredPractice>('practices').find({}).toArray();
  return all.filter((p) => p.published && p.status !== 'archived' && !p.deleted);
}
