// The whole API: one router per noun, merged here. The client imports only the type AppRouter.
import { auditRouter } from './routers/audit';
import { bcfYearsRouter } from './routers/bcf-years';
import { authRouter } from './routers/auth';
import { commentsRouter } from './routers/comments';
import { conditionsRouter } from './routers/conditions';
import { deadlinesRouter, signatoriesRouter, submissionsRouter } from './routers/submissions';
import { contributionsRouter } from './routers/contributions';
import { fundsRouter } from './routers/funds';
import { orgsRouter } from './routers/orgs';
import { partnershipsRouter } from './routers/partnerships';
import { presenceRouter } from './routers/presence';
import { referenceRouter } from './routers/reference';
import { riskshareRouter } from './routers/riskshare';
import { rolloverRouter } from './routers/rollover';
import { scenariosRouter } from './routers/scenarios';
import { evidenceRouter } from './routers/evidence';
import { metricsRouter } from './routers/metrics';
import { nationalRouter } from './routers/national';
import { notificationsRouter } from './routers/notifications';
import { outcomesRouter } from './routers/outcomes';
import { reportsRouter } from './routers/reports';
import { returnsRouter } from './routers/returns';
import { roiRouter } from './routers/roi';
import { unitCostsRouter } from './routers/unit-costs';
import { schemesRouter } from './routers/schemes';
import { settingsRouter } from './routers/settings';
import { snapshotsRouter } from './routers/snapshots';
import { sourcesRouter } from './routers/sources';
import { splitsRouter } from './routers/splits';
import { usersRouter } from './routers/users';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  orgs: orgsRouter,
  partnerships: partnershipsRouter,
  funds: fundsRouter,
  sources: sourcesRouter,
  bcfYears: bcfYearsRouter,
  contributions: contributionsRouter,
  conditions: conditionsRouter,
  audit: auditRouter,
  settings: settingsRouter,
  schemes: schemesRouter,
  reference: referenceRouter,
  snapshots: snapshotsRouter,
  splits: splitsRouter,
  riskshare: riskshareRouter,
  scenarios: scenariosRouter,
  metrics: metricsRouter,
  outcomes: outcomesRouter,
  unitCosts: unitCostsRouter,
  evidence: evidenceRouter,
  roi: roiRouter,
  reports: reportsRouter,
  national: nationalRouter,
  rollover: rolloverRouter,
  submissions: submissionsRouter,
  signatories: signatoriesRouter,
  deadlines: deadlinesRouter,
  returns: returnsRouter,
  notifications: notificationsRouter,
  comments: commentsRouter,
  presence: presenceRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
