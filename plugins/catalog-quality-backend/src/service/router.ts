import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  PROBLEMS,
  SEVERITIES,
  type QualityReportService,
} from '../services/QualityReport';

const reportQuery = z.object({
  problem: z.enum(PROBLEMS).optional(),
  severity: z.enum(SEVERITIES).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(i => `${i.path.join('.') || 'input'}: ${i.message}`)
        .join('; '),
    );
  }
  return result.data;
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  qualityReport: QualityReportService;
}): Promise<express.Router> {
  const { httpAuth, qualityReport } = options;
  const router = Router();

  /** The catalog's data-quality findings; `?problem=` and `?severity=` narrow the list (not the counts). */
  router.get('/report', async (req, res) => {
    const filter = parse(reportQuery, req.query);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await qualityReport.report({ credentials, filter }));
  });

  return router;
}
