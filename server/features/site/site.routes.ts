import { Router } from 'express';
import { LOCALE_COOKIE } from '../../lib/i18n';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import { parseInput } from '../../lib/validate';
import type { MapService } from '../map';
import type { SiteService } from './site.service';
import { languageParams, languageQuery } from './site.schema';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function siteRoutes(site: SiteService, options: { secureCookies: boolean; can: Can; map: MapService }): Router {
  const router = Router();

  // The dashboard is public unless PUBLIC_READ is off; then visitors are asked to sign in.
  router.get('/', authorize(options.can, 'public.read'), async (_req, res) => {
    const [page, cities] = await Promise.all([site.homePage(res.locals.user, res.locals.locale), options.map.cities(res.locals.user)]);
    res.render('site/home', { ...page, mapSvg: options.map.svg(cities, 'small', res.locals.t) });
  });

  router.get('/lang/:locale', (req, res) => {
    const { locale } = parseInput(languageParams, req.params);
    const { next } = parseInput(languageQuery, req.query);
    res.cookie(LOCALE_COOKIE, locale, {
      maxAge: ONE_YEAR_MS,
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
    });
    res.redirect(303, next ?? '/');
  });

  return router;
}
