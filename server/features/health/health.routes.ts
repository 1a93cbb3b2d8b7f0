import { Router } from 'express';
import type { HealthService } from './health.service';

export function healthRoutes(health: HealthService): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const report = await health.readiness();
    res.status(report.ready ? 200 : 503).json(report);
  });

  return router;
}
