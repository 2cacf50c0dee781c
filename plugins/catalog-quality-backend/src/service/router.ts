import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '@internal/plugin-portal-common';
import { PROBLEMS, SEVERITIES, type QualityReportService } from '../services/QualityReport';

const reportQuery = z.object({
  problem: z.enum(PROBLEMS).optional(),
  severity: z.enum(SEVERITIES).optional(),
});

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  qualityReport: QualityReportService;
}): Promise<express.Router> {
  const { httpAuth, qualityReport } = options;
  const router = Router();

  /** The catalog's data-quality findings; `?problem=` and `?severity=` narrow the list (not the counts). */
  router.get('/report', async (req, res) => {
    const filter = parseInput(reportQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await qualityReport.report({ credentials, filter }));
  });

  return router;
}
