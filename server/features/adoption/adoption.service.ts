import { Types, trusted, type Connection } from 'mongoose';
import { isDuplicateKey } from '../../lib/db';
import { ConflictError, NotFoundError, refusal } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Can } from '../../lib/policy';
import { changedFields } from '../../lib/versioned';
import type { City, NetworkService } from '../network';
import { toActor, type User, type UsersService } from '../users';
import {
  ADOPTION_FIELDS,
  ADOPTION_STATUSES,
  parseAdoptionInput,
  UNRECORDED,
  type AdoptionContent,
  type AdoptionInput,
  type AdoptionStatus,
} from './adoption.fields';
import { adoptionModels, type AdoptionDoc, type AdoptionSnapshot } from './adoption.model';

/** Who is asking: the signed-in user, or undefined for a visitor. */
export type Caller = User | undefined;

/** What the tracker needs to know about a recommendation (read through the recommendations feature). */
export type AdoptableRecommendation = { id: string; title: string; status: string; measureGroup: string | undefined };

/** The recommendations feature as the tracker uses it; wired in app.ts. */
export type AdoptionRecommendations = {
  /** Every final recommendation this caller may read, in the order the tracker lists them. */
  listFinal(caller: Caller): Promise<AdoptableRecommendation[]>;
  /** One recommendation, if this caller may read it (the feature's own 401/403/404 otherwise). */
  get(caller: Caller, id: string): Promise<AdoptableRecommendation>;
};

export type CityRef = { slug: string; name: string; country: string };

/** One cell as a client sees it; `recorded: false` is a cell nobody has filled in yet. */
export type AdoptionCell = {
  city: CityRef;
  recorded: boolean;
  status: AdoptionStatus;
  reason: string | undefined;
  document: { name: string | undefined; year: number | undefined; url: string | undefined };
  note: string | undefined;
  /** Demo data: an illustration, never a statement about the real city's plans. */
  illustrative: boolean;
  revision: number;
  updatedAt: Date | undefined;
  /** Whether this caller may change it now. */
  mayEdit: boolean;
};

export type AdoptionChange = {
  revision: number;
  at: Date;
  kind: string;
  /** Who made the change: members only (visitors see when and what). */
  by: string | undefined;
  changedFields: string[];
  status: AdoptionStatus;
  reason: string | undefined;
  document: AdoptionCell['document'];
  note: string | undefined;
};

export type AdoptionRow = { recommendation: AdoptableRecommendation; cells: AdoptionCell[] };
export type AdoptionMatrix = {
  cities: CityRef[];
  rows: AdoptionRow[];
  totals: Record<string, Record<AdoptionStatus, number>>;
  illustrative: boolean;
};

const HISTORY_MAX = 200;

export type AdoptionService = ReturnType<typeof createAdoptionService>;

/**
 * The adoption tracker: for each final recommendation and each partner city, whether and where the city
 * took it into its plans. A city's partners write their own city's cells, the curators all of them; each
 * write is a revision with a snapshot (the kit's versioned store), so every change is kept.
 */
export function createAdoptionService(
  connection: Connection,
  deps: {
    can: Can;
    logger: Logger;
    users: UsersService;
    network: NetworkService;
    recommendations: AdoptionRecommendations;
  },
) {
  const { Adoption, history, store } = adoptionModels(connection, { users: deps.users, logger: deps.logger });
  const actorOf = (caller: Caller) => (caller ? toActor(caller) : null);
  const deny = (caller: Caller): never => {
    throw refusal(Boolean(caller));
  };
  const cityRef = (c: City): CityRef => ({ slug: c.slug, name: c.name, country: c.country });
  const mayEdit = (caller: Caller, rec: AdoptableRecommendation, city: string) =>
    rec.status === 'final' && deps.can(actorOf(caller), 'adoption.edit', { city });

  function cellOf(city: City, doc: AdoptionDoc | undefined, editable: boolean): AdoptionCell {
    const c = doc?.content;
    return {
      city: cityRef(city),
      recorded: Boolean(doc),
      status: c?.status ?? UNRECORDED,
      reason: c?.reason,
      document: { name: c?.document?.name, year: c?.document?.year, url: c?.document?.url },
      note: c?.note,
      illustrative: Boolean(doc?.importKey?.startsWith('demo:')),
      revision: doc?.revision ?? 0,
      updatedAt: doc?.updatedAt,
      mayEdit: editable,
    };
  }

  async function cityOrNotFound(slug: string): Promise<City> {
    const city =
      typeof slug === 'string' && /^[a-z0-9-]{1,80}$/.test(slug) ? await deps.network.findCity(slug) : undefined;
    if (!city) throw new NotFoundError();
    return city;
  }

  const docsOf = (ids: string[]) =>
    Adoption.find({ recommendationId: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) }).lean<
      AdoptionDoc[]
    >();

  function rowOf(caller: Caller, rec: AdoptableRecommendation, cities: City[], docs: AdoptionDoc[]): AdoptionRow {
    const mine = docs.filter((d) => d.recommendationId.toHexString() === rec.id);
    return {
      recommendation: rec,
      cells: cities.map((city) =>
        cellOf(
          city,
          mine.find((d) => d.city === city.slug),
          mayEdit(caller, rec, city.slug),
        ),
      ),
    };
  }

  /** Only what the table says a cell holds: a reason only for "not adopted", no empty document parts. */
  function contentOf(input: AdoptionInput): AdoptionContent {
    const document = Object.fromEntries(
      Object.entries(input.document ?? {}).filter(([, v]) => v !== undefined && v !== ''),
    );
    return {
      status: input.status,
      ...(input.status === 'not-adopted' && input.reason ? { reason: input.reason } : {}),
      document,
      ...(input.note ? { note: input.note } : {}),
    };
  }

  const edited = () => new ConflictError('adoption.error.edited_meanwhile', 'edit_conflict');

  return {
    statuses: ADOPTION_STATUSES,

    /** Recommendations × cities, for everyone who may read the network's output. */
    async matrix(caller: Caller): Promise<AdoptionMatrix> {
      if (!deps.can(actorOf(caller), 'public.read')) deny(caller);
      const [recs, cities] = await Promise.all([deps.recommendations.listFinal(caller), deps.network.listCities()]);
      const docs = recs.length > 0 ? await docsOf(recs.map((r) => r.id)) : [];
      const rows = recs.map((rec) => rowOf(caller, rec, cities, docs));
      const totals = Object.fromEntries(
        cities.map((city) => {
          const counts = Object.fromEntries(ADOPTION_STATUSES.map((s) => [s, 0])) as Record<AdoptionStatus, number>;
          for (const row of rows) counts[row.cells.find((c) => c.city.slug === city.slug)!.status] += 1;
          return [city.slug, counts];
        }),
      );
      return {
        cities: cities.map(cityRef),
        rows,
        totals,
        illustrative: rows.some((r) => r.cells.some((c) => c.illustrative)),
      };
    },

    /** One recommendation's row of cities. */
    async row(caller: Caller, recommendationId: string): Promise<AdoptionRow> {
      const rec = await deps.recommendations.get(caller, recommendationId);
      const [cities, docs] = await Promise.all([deps.network.listCities(), docsOf([rec.id])]);
      return rowOf(caller, rec, cities, docs);
    },

    /**
     * The row the recommendation page shows: cities adopt final recommendations only, so a draft or one in
     * consultation has none to show; a withdrawn one keeps the cells its cities recorded while it was final.
     */
    async pageRow(caller: Caller, recommendationId: string): Promise<AdoptionRow | undefined> {
      const row = await this.row(caller, recommendationId);
      return row.recommendation.status === 'final' || row.cells.some((c) => c.recorded) ? row : undefined;
    },

    /** One cell with its history, newest change first. */
    async cell(
      caller: Caller,
      recommendationId: string,
      citySlug: string,
    ): Promise<{ recommendation: AdoptableRecommendation; cell: AdoptionCell; history: AdoptionChange[] }> {
      const rec = await deps.recommendations.get(caller, recommendationId);
      const city = await cityOrNotFound(citySlug);
      const doc =
        (await Adoption.findOne({
          recommendationId: new Types.ObjectId(rec.id),
          city: city.slug,
        }).lean<AdoptionDoc>()) ?? undefined;
      const changes = doc ? await this.historyOf(caller, doc) : [];
      return { recommendation: rec, cell: cellOf(city, doc, mayEdit(caller, rec, city.slug)), history: changes };
    },

    async historyOf(caller: Caller, doc: AdoptionDoc): Promise<AdoptionChange[]> {
      type Entry = {
        number: number;
        at: Date;
        kind: string;
        by: Types.ObjectId;
        changedFields: string[];
        snapshot: AdoptionSnapshot;
      };
      const entries = await history.Model.find({ adoptionId: doc._id })
        .sort({ number: -1 })
        .limit(HISTORY_MAX)
        .lean<Entry[]>();
      const showNames = deps.can(actorOf(caller), 'contact.view');
      const names = new Map<string, string>();
      if (showNames) {
        for (const id of new Set(entries.map((e) => e.by.toHexString()))) {
          const user = await deps.users.findById(id);
          if (user) names.set(id, user.name);
        }
      }
      return entries.map((e) => ({
        revision: e.number,
        at: e.at,
        kind: e.kind,
        by: showNames ? names.get(e.by.toHexString()) : undefined,
        changedFields: e.changedFields,
        status: e.snapshot.status,
        reason: e.snapshot.reason,
        document: { name: e.snapshot.document?.name, year: e.snapshot.document?.year, url: e.snapshot.document?.url },
        note: e.snapshot.note,
      }));
    },

    /**
     * Records a cell: the whole cell replaces the stored one as a new revision. Only final recommendations
     * are taken into plans; a change that changes nothing writes nothing.
     */
    async record(
      caller: Caller,
      recommendationId: string,
      citySlug: string,
      body: unknown,
      options: { importKey?: string } = {},
    ): Promise<AdoptionCell> {
      const rec = await deps.recommendations.get(caller, recommendationId);
      const city = await cityOrNotFound(citySlug);
      if (!deps.can(actorOf(caller), 'adoption.edit', { city: city.slug })) deny(caller);
      if (rec.status !== 'final') throw new ConflictError('adoption.error.not_final', 'not_final');
      const user = caller!;
      const input = parseAdoptionInput(body);
      const content = contentOf(input);
      const by = new Types.ObjectId(user.id);
      const filter = { recommendationId: new Types.ObjectId(rec.id), city: city.slug };
      const existing = (await Adoption.findOne(filter).lean<AdoptionDoc>()) ?? undefined;

      if (!existing) {
        if (input.revision !== undefined && input.revision !== 0) throw edited();
        const fields = changedFields(ADOPTION_FIELDS, {}, content);
        const created = await store
          .insert(
            {
              ...filter,
              content,
              status: content.status,
              ...(options.importKey ? { importKey: options.importKey } : {}),
            },
            by,
            { changedFields: fields },
          )
          .catch((err: unknown) => {
            // Someone recorded the same cell at the same moment: theirs stands, this one is a conflict.
            if (isDuplicateKey(err)) throw edited();
            throw err;
          });
        return cellOf(city, created, true);
      }
      if (input.revision === 0) throw edited();
      const fields = changedFields(ADOPTION_FIELDS, existing.content, content);
      if (fields.length === 0) return cellOf(city, existing, true);
      const updated = await store.commit(
        existing,
        by,
        { kind: 'edit', changedFields: fields, set: { content, status: content.status } },
        input.revision ?? existing.revision,
        () => edited(),
      );
      return cellOf(city, updated, true);
    },

    /** Undoes an import (the demo seed's --reset): its cells and their history. */
    async removeImported(importKeyPrefix: string): Promise<number> {
      if (!/^[\w.:-]{3,}$/.test(importKeyPrefix)) throw new Error('removeImported needs a specific import key prefix');
      const docs = await Adoption.find({ importKey: trusted({ $regex: `^${importKeyPrefix.replace(/[.]/g, '\\.')}` }) }, { _id: 1 }).lean<Pick<AdoptionDoc, '_id'>[]>();
      for (const doc of docs) {
        await Adoption.deleteOne({ _id: doc._id });
        await history.removeAll(doc._id);
      }
      return docs.length;
    },

    /** Whether an import already recorded this key (the demo seed runs again without duplicating). */
    async imported(importKey: string): Promise<boolean> {
      return (await Adoption.exists({ importKey })) !== null;
    },
  };
}
