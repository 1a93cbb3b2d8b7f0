import { Router, type Response } from 'express';
import { NotFoundError, ValidationError, type FieldErrors } from '../../lib/errors';
import { displayName } from '../../lib/i18n';
import type { Can } from '../../lib/policy';
import { parseInput } from '../../lib/validate';
import { authorize } from '../auth';
import type { NetworkService } from '../network';
import type { User } from '../users';
import type { SearchOverview } from '../search';
import { SearchUnavailableError } from '../search';
import { eventsPageQuery, slugParam, TRANSLATED_LOCALES, translationField, YEARS } from './events.schema';
import type { EventsService } from './events.service';
import { eventCard, eventUrl } from './events.view';

/** A recommendation drawing on an event's practices, as the event page lists it. */
export type EventRecommendation = { id: string; title: string; summary: string; status: string; citing: number };

export type EventsRoutesDeps = {
  events: EventsService;
  network: NetworkService;
  overview: SearchOverview;
  can: Can;
  /** The recommendations this reader may read that cite any of these practices (the recommendations feature, wired in app.ts). */
  recommendationsCiting: (caller: User | undefined, practiceIds: readonly string[]) => Promise<EventRecommendation[]>;
};

/** How many practices an event page lists before pointing to search for the rest. */
const PRACTICES_SHOWN = 50;
/** How many of an event's practices are looked up in the recommendations' evidence (events present dozens). */
const PRACTICES_TRACED = 1000;

const searchUrl = (slug: string) => `/search?${new URLSearchParams({ event: slug })}`;

function slugOf(value: unknown): string {
  const parsed = slugParam.safeParse(value);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** Search being down costs a page its practice list, never the page: `undefined` says "unavailable". */
async function unlessSearchDown<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof SearchUnavailableError) return undefined;
    throw err;
  }
}

/** The network's events: a public list and page per event; the coordinator adds and edits them. */
export function eventsRoutes(deps: EventsRoutesDeps): Router {
  const router = Router();
  const { events } = deps;
  const manage = authorize(deps.can, 'events.manage');

  async function renderForm(
    res: Response,
    status: number,
    form: { slug?: string; values: Record<string, unknown>; errors: FieldErrors },
  ) {
    res.status(status).render('events/form', {
      title: res.locals.t(form.slug ? 'events.edit.title' : 'events.new.title'),
      action: form.slug ? eventUrl(form.slug) : '/events',
      cancel: form.slug ? eventUrl(form.slug) : '/events',
      editing: Boolean(form.slug),
      values: form.values,
      errors: form.errors,
      cities: await deps.network.listCities(),
      translations: TRANSLATED_LOCALES.map((locale) => ({
        locale,
        field: translationField(locale),
        language: displayName('language', locale, res.locals.locale),
      })),
      years: YEARS,
    });
  }

  /** Saves the form; a refusal comes back beside its fields (422) with everything as typed. */
  async function save(res: Response, slug: string | undefined, body: unknown): Promise<void> {
    const editor = { actor: res.locals.actor, email: res.locals.user?.email, ip: res.req.ip };
    try {
      const saved = slug ? await events.update(editor, slug, body) : await events.create(editor, body);
      if (!saved) throw new NotFoundError();
      res.redirect(303, `${eventUrl(saved.slug)}?notice=${slug ? 'saved' : 'added'}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
      delete values._csrf;
      await renderForm(res, 422, { ...(slug ? { slug } : {}), values, errors: err.fields });
    }
  }

  router.get('/events', authorize(deps.can, 'public.read'), async (_req, res) => {
    const locale = res.locals.locale;
    const list = await events.list();
    const counts = await unlessSearchDown(deps.overview.counts([{}], ['event']));
    const perEvent = counts?.[0]?.by.event;
    res.render('events/index', {
      title: res.locals.t('events.title'),
      events: list.map((event) => ({
        ...eventCard(event, locale),
        practices: perEvent ? (perEvent[event.slug] ?? 0) : undefined,
        searchUrl: searchUrl(event.slug),
      })),
      mayManage: deps.can(res.locals.actor, 'events.manage'),
    });
  });

  router.get('/events/new', manage, async (_req, res) => {
    await renderForm(res, 200, { values: {}, errors: {} });
  });

  router.post('/events', manage, async (req, res) => {
    await save(res, undefined, req.body);
  });

  router.get('/events/:slug', authorize(deps.can, 'public.read'), async (req, res) => {
    const { notice } = parseInput(eventsPageQuery, req.query);
    const event = await events.find(slugOf(req.params.slug));
    if (!event) throw new NotFoundError();
    const presented = await unlessSearchDown(deps.overview.published({ event: [event.slug] }, PRACTICES_TRACED));
    const practices = presented && {
      total: presented.total,
      // The index keeps seconds; the page labels the publication date like every list.
      items: presented.items
        .slice(0, PRACTICES_SHOWN)
        .map((p) => ({ ...p, publishedAt: p.publishedAt === null ? undefined : new Date(p.publishedAt * 1000) })),
    };
    // What came out of the event: the recommendations whose evidence includes practices presented there.
    const recommendations = presented && (await deps.recommendationsCiting(res.locals.user, presented.items.map((p) => p.id)));
    const card = eventCard(event, res.locals.locale);
    res.render('events/show', {
      title: card.title,
      event: card,
      practices,
      recommendations,
      searchUrl: searchUrl(event.slug),
      notice,
      mayManage: deps.can(res.locals.actor, 'events.manage'),
    });
  });

  router.get('/events/:slug/edit', manage, async (req, res) => {
    const event = await events.find(slugOf(req.params.slug));
    if (!event) throw new NotFoundError();
    await renderForm(res, 200, { slug: event.slug, values: events.formValues(event), errors: {} });
  });

  router.post('/events/:slug', manage, async (req, res) => {
    const slug = slugOf(req.params.slug);
    if (!(await events.find(slug))) throw new NotFoundError();
    await save(res, slug, req.body);
  });

  return router;
}
