import { Router, type Request, type Response } from 'express';
import { bodyOf, paramOf, translateFieldMessages } from '../../../lib/api-body';
import { ValidationError } from '../../../lib/errors';
import { diffQuery, parseInput, revisionParam } from '../domain/input';
import type { RecommendationsService } from '../use-cases/service';

const caller = (res: Response) => res.locals.user;
const meta = (req: Request) => ({ ip: req.ip });
const id = (req: Request) => paramOf(req, 'id');

function revisionNumber(req: Request): number {
  const parsed = revisionParam.safeParse(req.params.number);
  if (!parsed.success) throw new ValidationError('error.message.validation', { number: ['recommendations.error.revision'] });
  return parsed.data;
}

/** The recommendations JSON API. Thin: every policy check and every validation lives in the service. */
export function recommendationsApiRoutes(recommendations: RecommendationsService): Router {
  const router = Router();
  const r = recommendations;

  router.get('/api/recommendations', async (req, res) => {
    res.json(await r.list(caller(res), req.query));
  });

  router.post('/api/recommendations', async (req, res) => {
    const created = await r.create(caller(res), bodyOf(req));
    res.status(201).location(`/api/recommendations/${created.id}`).json(created);
  });

  router.get('/api/recommendations/:id', async (req, res) => {
    res.json(await r.get(caller(res), id(req)));
  });

  router.patch('/api/recommendations/:id', async (req, res) => {
    res.json(await r.update(caller(res), id(req), bodyOf(req)));
  });

  router.delete('/api/recommendations/:id', async (req, res) => {
    res.json(await r.remove(caller(res), id(req), bodyOf(req)));
  });

  router.post('/api/recommendations/:id/undelete', async (req, res) => {
    res.json(await r.undelete(caller(res), id(req), bodyOf(req)));
  });

  router.post('/api/recommendations/:id/open-consultation', async (req, res) => {
    res.json(await r.openConsultation(caller(res), id(req), bodyOf(req), meta(req)));
  });
  router.post('/api/recommendations/:id/back-to-draft', async (req, res) => {
    res.json(await r.backToDraft(caller(res), id(req), bodyOf(req)));
  });
  router.post('/api/recommendations/:id/finalise', async (req, res) => {
    res.json(await r.finalise(caller(res), id(req), bodyOf(req), meta(req)));
  });
  router.post('/api/recommendations/:id/withdraw', async (req, res) => {
    res.json(await r.withdraw(caller(res), id(req), bodyOf(req), meta(req)));
  });
  router.post('/api/recommendations/:id/reopen', async (req, res) => {
    res.json(await r.reopen(caller(res), id(req), bodyOf(req)));
  });

  router.get('/api/recommendations/:id/evidence', async (req, res) => {
    res.json(await r.evidence(caller(res), id(req)));
  });
  router.post('/api/recommendations/:id/evidence', async (req, res) => {
    res.status(201).json(await r.cite(caller(res), id(req), bodyOf(req)));
  });
  router.patch('/api/recommendations/:id/evidence/:practiceId', async (req, res) => {
    res.json(await r.updateCitation(caller(res), id(req), paramOf(req, 'practiceId'), bodyOf(req)));
  });
  router.delete('/api/recommendations/:id/evidence/:practiceId', async (req, res) => {
    res.json(await r.removeCitation(caller(res), id(req), paramOf(req, 'practiceId'), bodyOf(req)));
  });

  router.get('/api/recommendations/:id/comments', async (req, res) => {
    res.json({ items: await r.listComments(caller(res), id(req)) });
  });
  router.post('/api/recommendations/:id/comments', async (req, res) => {
    res.status(201).json({ items: await r.addComment(caller(res), id(req), bodyOf(req)) });
  });
  router.post('/api/recommendations/:id/comments/:commentId/answer', async (req, res) => {
    res.status(201).json({ items: await r.answerComment(caller(res), id(req), paramOf(req, 'commentId'), bodyOf(req)) });
  });
  router.post('/api/recommendations/:id/comments/:commentId/mark', async (req, res) => {
    res.json({ items: await r.markComment(caller(res), id(req), paramOf(req, 'commentId'), bodyOf(req)) });
  });

  router.get('/api/recommendations/:id/revisions', async (req, res) => {
    res.json({ items: await r.listRevisions(caller(res), id(req)) });
  });
  router.get('/api/recommendations/:id/revisions/:number', async (req, res) => {
    res.json(await r.getRevision(caller(res), id(req), revisionNumber(req)));
  });
  router.post('/api/recommendations/:id/revisions/:number/restore', async (req, res) => {
    res.json(await r.restoreRevision(caller(res), id(req), revisionNumber(req), bodyOf(req)));
  });
  router.get('/api/recommendations/:id/diff', async (req, res) => {
    const { from, to } = parseInput(diffQuery, req.query);
    res.json(await r.diffRevisions(caller(res), id(req), from, to));
  });

  router.use(translateFieldMessages);
  return router;
}
