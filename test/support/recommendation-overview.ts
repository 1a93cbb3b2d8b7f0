import type { OverviewFixture } from './overview-fixtures';
import { completeRecommendationBody, publishedPractice } from './recommendations';
import type { TestContext } from './test-context';

/**
 * Recommendations in every stage on top of the overview fixture, citing its practices, with cities'
 * adoption decisions: what the dashboard, the map, the event pages and the exports must count.
 *
 * - returns (final): cites dgp-return (kick-off event), kau-youth (Palermo youth event), lodz-housing;
 *   adopted in Kaunas, being implemented in Daugavpils, not adopted in Łódź.
 * - youth (final): cites dgp-youth and a practice archived since (withdrawn evidence);
 *   adopted in Daugavpils, under consideration in Vejle.
 * - consultation: cites kau-digital. draft: cites kau-youth.
 * - withdrawn (was final): cites dgp-housing; adopted in Oradea before it was withdrawn.
 */
export type RecommendationOverviewFixture = Record<'returns' | 'youth' | 'consultation' | 'draft' | 'withdrawn', string> & {
  archivedPractice: string;
};

export async function recommendationOverviewFixture(ctx: TestContext, fx: OverviewFixture): Promise<RecommendationOverviewFixture> {
  const r = ctx.services.recommendations;
  const coordinator = fx.coordinator;
  const create = async (title: string, measureGroup: string, practiceIds: string[]) => {
    const { id } = await r.create(coordinator, completeRecommendationBody({ title, measureGroup }));
    for (const practiceId of practiceIds) await r.cite(coordinator, id, { practiceId, reason: 'Its measured results show the measure works.' });
    return id;
  };
  const ids = fx.ids;
  const archivedPractice = await publishedPractice(ctx, { author: fx.partners.daugavpils!, reviewer: coordinator }, {
    title: 'Practice dgp-archived-later',
    city: 'daugavpils',
  });

  const returns = await create('Return advisers in every regional centre', 'remigration', [ids['dgp-return']!, ids['kau-youth']!, ids['lodz-housing']!]);
  await r.finalise(coordinator, returns);
  const youth = await create('Youth councils with a budget of their own', 'working-age-people', [ids['dgp-youth']!, archivedPractice]);
  await r.finalise(coordinator, youth);
  await ctx.services.practices.archive(coordinator, archivedPractice);
  const consultation = await create('Family cards honoured across the region', 'birth-rate-family-support', [ids['kau-digital']!]);
  await r.openConsultation(coordinator, consultation);
  const draft = await create('Draft: a youth guarantee for returning graduates', 'remigration', [ids['kau-youth']!]);
  const withdrawn = await create('Withdrawn: relocation bonus for every newcomer', 'working-age-people', [ids['dgp-housing']!]);
  await r.finalise(coordinator, withdrawn);

  const adoption = ctx.services.adoption;
  await adoption.record(coordinator, withdrawn, 'oradea', { status: 'adopted', document: { name: 'Oradea integrated strategy', year: 2021 } });
  await r.withdraw(coordinator, withdrawn, { reason: 'Bonuses drew people who left again within a year.' });
  await adoption.record(coordinator, returns, 'kaunas', { status: 'adopted', document: { name: 'Kaunas strategic plan 2021–2030', year: 2021 } });
  await adoption.record(coordinator, returns, 'daugavpils', { status: 'implementing', document: { name: 'Daugavpils development programme', year: 2022 } });
  await adoption.record(coordinator, returns, 'lodz', { status: 'not-adopted', reason: 'A regional programme covers it already.' });
  await adoption.record(coordinator, youth, 'daugavpils', { status: 'adopted', document: { name: 'Daugavpils youth strategy', year: 2020 } });
  await adoption.record(coordinator, youth, 'vejle', { status: 'under-consideration' });
  await ctx.services.searchIndexing.sync.drain();
  return { returns, youth, consultation, draft, withdrawn, archivedPractice };
}
