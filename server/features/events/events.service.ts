import { trusted, type Connection } from 'mongoose';
import { isDuplicateKey } from '../../lib/db';
import { refusal, ValidationError } from '../../lib/errors';
import { catalogs } from '../../lib/i18n';
import type { Actor, Can } from '../../lib/policy';
import { slugify } from '../../lib/slug';
import { fieldErrors } from '../../lib/validate';
import { createReferenceCache } from '../../lib/reference-cache';
import type { AuditService } from '../audit';
import type { NetworkService } from '../network';
import { NETWORK_EVENTS } from './events.data';
import { eventsModels, type EventDoc } from './events.model';
import { eventForm, TRANSLATED_LOCALES, translationField, type EventForm } from './events.schema';
import type { NetworkEvent } from './events.view';

export type EventsService = ReturnType<typeof createEventsService>;
export type EventsDeps = { network: NetworkService; can: Can; audit: AuditService };
export type Editor = { actor: Actor | null; email?: string | undefined; ip?: string | undefined };

const byDate = (a: NetworkEvent, b: NetworkEvent) =>
  a.year - b.year || a.month - b.month || (a.startDay ?? 0) - (b.startDay ?? 0) || a.slug.localeCompare(b.slug);

/** The network's meetings: reference events from the source documents, and those the coordinator adds. */
export function createEventsService(connection: Connection, deps: EventsDeps) {
  const { NetworkEvent } = eventsModels(connection);

  // Events are on many pages (practice pages, search facets, the home page): kept in the process,
  // reloaded when the change counter moves (every write below moves it).
  const reference = createReferenceCache(connection, 'events', loadEvents);
  const list = (): Promise<NetworkEvent[]> => reference.get();

  async function loadEvents(): Promise<NetworkEvent[]> {
    const [docs, cities] = await Promise.all([NetworkEvent.find({}).lean<EventDoc[]>(), deps.network.listCities()]);
    return docs
      .map((doc) => ({
        slug: doc.slug,
        citySlug: doc.citySlug,
        city: cities.find((c) => c.slug === doc.citySlug),
        venue: doc.venue || undefined,
        year: doc.year,
        month: doc.month,
        startDay: doc.startDay ?? undefined,
        endDay: doc.endDay ?? undefined,
        title: doc.title,
        translations: Object.fromEntries(
          TRANSLATED_LOCALES.flatMap((l) => (typeof doc.translations?.[l] === 'string' ? [[l, doc.translations[l]]] : [])),
        ),
        description: doc.description ?? '',
        updatedAt: doc.updatedAt,
      }))
      .sort(byDate);
  }

  function assertManager(editor: Editor): void {
    if (!deps.can(editor.actor, 'events.manage')) throw refusal(Boolean(editor.actor));
  }

  /** The form's fields as stored values; the city must be one of the network's. */
  async function parse(body: unknown): Promise<Omit<EventDoc, '_id' | 'slug' | 'createdAt' | 'updatedAt'>> {
    const parsed = eventForm.safeParse(body ?? {});
    if (!parsed.success) throw new ValidationError('error.message.validation', fieldErrors(parsed.error));
    const v: EventForm = parsed.data;
    if (!(await deps.network.findCity(v.city))) throw new ValidationError('error.message.validation', { city: ['events.error.city'] });
    const translations: Record<string, string> = {};
    for (const locale of TRANSLATED_LOCALES) {
      const text = (v as unknown as Record<string, unknown>)[translationField(locale)];
      if (typeof text === 'string' && text) translations[locale] = text;
    }
    return {
      citySlug: v.city,
      year: v.year,
      month: v.month,
      title: v.title,
      translations,
      ...(v.venue ? { venue: v.venue } : {}),
      ...(v.startDay !== undefined ? { startDay: v.startDay } : {}),
      ...(v.endDay !== undefined ? { endDay: v.endDay } : {}),
      ...(v.description ? { description: v.description } : {}),
    };
  }

  async function audit(editor: Editor, action: 'event.created' | 'event.updated', slug: string, title: string) {
    if (!editor.actor) return;
    await deps.audit.record({
      action,
      actor: { id: editor.actor.id, email: editor.email ?? '' },
      target: { type: 'event', id: slug, label: title },
      ip: editor.ip,
    });
  }

  return {
    list,

    async find(slug: string): Promise<NetworkEvent | undefined> {
      return (await list()).find((event) => event.slug === slug);
    },

    count: () => NetworkEvent.countDocuments(),

    /**
     * Idempotent, and it only adds what is missing: an event the coordinator edited keeps its text
     * across restarts, and a title translation appears once a catalog has one.
     */
    async ensureReferenceData(): Promise<void> {
      await NetworkEvent.bulkWrite(
        NETWORK_EVENTS.map((seed) => ({
          updateOne: { filter: { slug: seed.slug }, update: { $setOnInsert: { ...seed, translations: {} } }, upsert: true },
        })),
      );
      for (const seed of NETWORK_EVENTS) {
        for (const locale of TRANSLATED_LOCALES) {
          const text = catalogs[locale][`event.title.${seed.slug}`];
          if (!text) continue;
          const path = `translations.${locale}`;
          await NetworkEvent.updateOne({ slug: seed.slug, [path]: trusted({ $exists: false }) }, { $set: { [path]: text } });
        }
        // Stores from before events had days of their own kept them as text ("23–24").
        if (seed.startDay !== undefined) {
          await NetworkEvent.updateOne(
            { slug: seed.slug, days: trusted({ $exists: true }) },
            { $set: { startDay: seed.startDay, endDay: seed.endDay }, $unset: { days: 1, number: 1 } },
            { strict: false, strictQuery: false },
          );
        }
      }
      await reference.changed();
    },

    async create(editor: Editor, body: unknown): Promise<NetworkEvent> {
      assertManager(editor);
      const fields = await parse(body);
      const base = `${fields.year}-${String(fields.month).padStart(2, '0')}-${fields.citySlug}-${slugify(fields.title, 40)}`.replace(/-+$/, '');
      for (let n = 1; n <= 50; n += 1) {
        const slug = n === 1 ? base : `${base}-${n}`;
        try {
          await NetworkEvent.create({ ...fields, slug });
        } catch (err) {
          if (isDuplicateKey(err)) continue;
          throw err;
        }
        await reference.changed();
        await audit(editor, 'event.created', slug, fields.title);
        return (await list()).find((e) => e.slug === slug) as NetworkEvent;
      }
      throw new ValidationError('error.message.validation', { title: ['events.error.slug_taken'] });
    },

    /** The slug never changes: practices refer to their event by it. */
    async update(editor: Editor, slug: string, body: unknown): Promise<NetworkEvent | undefined> {
      assertManager(editor);
      const fields = await parse(body);
      const unset = Object.fromEntries(
        (['venue', 'startDay', 'endDay', 'description'] as const).filter((k) => fields[k] === undefined).map((k) => [k, 1]),
      );
      const updated = await NetworkEvent.findOneAndUpdate(
        { slug },
        { $set: fields, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
        { returnDocument: 'after' },
      ).lean<EventDoc>();
      if (!updated) return undefined;
      await reference.changed();
      await audit(editor, 'event.updated', slug, fields.title);
      return (await list()).find((e) => e.slug === slug);
    },

    /** An event's stored values as the form shows them. */
    formValues(event: NetworkEvent): Record<string, string> {
      return {
        title: event.title,
        ...Object.fromEntries(TRANSLATED_LOCALES.map((l) => [translationField(l), event.translations[l] ?? ''])),
        city: event.citySlug,
        venue: event.venue ?? '',
        year: String(event.year),
        month: String(event.month),
        startDay: event.startDay === undefined ? '' : String(event.startDay),
        endDay: event.endDay === undefined ? '' : String(event.endDay),
        description: event.description,
      };
    },
  };
}
