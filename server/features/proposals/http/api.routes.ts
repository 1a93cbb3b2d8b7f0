import { Router, type Response } from 'express';
import { bodyOf, paramOf as param, translateFieldMessages } from '../../../lib/api-body';
import type { EditionDoc } from '../persistence/edition-model';
import { editionJson } from '../exports/json';
import { presentEdition } from '../exports/present';
import { summaryOf } from '../use-cases/reading';
import type { ProposalsService } from '../use-cases/service';

/** The proposals document's JSON API. Thin: the service checks the policy and the input. */
export function proposalsApiRoutes(proposals: ProposalsService, deps: { baseUrl: string }): Router {
  const router = Router();

  const document = async (res: Response, id: string) => {
    const doc = await proposals.document(res.locals.user, id, res.locals.locale);
    const label = presentEdition(doc, {
      t: res.locals.t,
      locale: res.locals.locale,
      baseUrl: deps.baseUrl,
    }).editionLabel;
    return editionJson(doc, { baseUrl: deps.baseUrl, editionLabel: label });
  };
  /** A changed edition answers with its summary and revision (the document itself is one GET away). */
  const changed = (doc: EditionDoc) => ({ ...summaryOf(doc), revision: doc.revision });

  router.get('/api/proposals', async (_req, res) => {
    res.json({ items: await proposals.list(res.locals.user) });
  });

  router.post('/api/proposals', async (req, res) => {
    const edition = await proposals.create(res.locals.user, bodyOf(req));
    res.status(201).location(`/api/proposals/${edition._id.toHexString()}`).json(changed(edition));
  });

  router.get('/api/proposals/:id', async (req, res) => {
    res.json(await document(res, param(req, 'id')));
  });

  router.patch('/api/proposals/:id', async (req, res) => {
    res.json(changed(await proposals.update(res.locals.user, param(req, 'id'), bodyOf(req))));
  });

  router.post('/api/proposals/:id/publish', async (req, res) => {
    res.json(changed(await proposals.publish(res.locals.user, param(req, 'id'), bodyOf(req), { ip: req.ip })));
  });

  router.delete('/api/proposals/:id', async (req, res) => {
    await proposals.remove(res.locals.user, param(req, 'id'));
    res.status(204).end();
  });

  router.use(translateFieldMessages);
  return router;
}
