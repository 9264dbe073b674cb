import type { Migration } from 'kysely';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-scoped-audit-and-portal-lockout.ts';
import * as m0003 from './0003-sla.ts';
import * as m0004 from './0004-project-dates.ts';
import * as m0005 from './0005-accounts.ts';
import * as m0006 from './0006-demo-organization.ts';
import * as m0007 from './0007-complaint-routing-and-grade-requests.ts';
import * as m0008 from './0008-notice-digest.ts';
import * as m0009 from './0009-service-language.ts';
import * as m0010 from './0010-who-and-where.ts';
import * as m0011 from './0011-queue-indexes.ts';
import * as m0012 from './0012-case-search.ts';
import * as m0013 from './0013-report-rollups.ts';
import * as m0014 from './0014-running-due-keyset.ts';
import * as m0015 from './0015-running-kind-index.ts';
import * as m0016 from './0016-counted-breaches.ts';
import * as m0017 from './0017-open-type-and-running-clock-indexes.ts';
import * as m0018 from './0018-primary-owner.ts';
import * as m0019 from './0019-imports-and-move-outs.ts';
import * as m0020 from './0020-owner-visits.ts';
import * as m0021 from './0021-unit-key-with-entrance.ts';
import * as m0022 from './0022-deliveries.ts';
import * as m0023 from './0023-notices.ts';
import * as m0024 from './0024-statutory-postings-and-outages.ts';
import * as m0026 from './0026-visit-plans.ts';
import * as m0025 from './0025-callbacks.ts';
import * as m0028 from './0028-callback-rounds-and-ratings.ts';
import * as m0027 from './0027-surveys.ts';
import * as m0029 from './0029-monthly-cycle.ts';
import * as m0030 from './0030-open-letters.ts';
import * as m0032 from './0032-callback-reassignments.ts';
import * as m0031 from './0031-steward-ratings-and-self-evaluations.ts';
import * as m0033 from './0033-visit-reminders.ts';
import * as m0034 from './0034-survey-review-findings.ts';
import * as m0035 from './0035-inspections.ts';
import * as m0036 from './0036-inspection-reminders.ts';
import * as m0037 from './0037-escalation-forms.ts';
import * as m0038 from './0038-display-tokens.ts';
import * as m0039 from './0039-staff-appraisals.ts';
import * as m0040 from './0040-internal-meetings.ts';
import * as m0041 from './0041-complaint-measures.ts';
import * as m0042 from './0042-outcomes-apart.ts';
import * as m0043 from './0043-report-items-order.ts';
import * as m0044 from './0044-meeting-action-reminders.ts';
import * as m0045 from './0045-complaint-measure-verification.ts';

/** Append-only: never edit a shipped migration; add the next one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-scoped-audit-and-portal-lockout': m0002,
  '0003-sla': m0003,
  '0004-project-dates': m0004,
  '0005-accounts': m0005,
  '0006-demo-organization': m0006,
  '0007-complaint-routing-and-grade-requests': m0007,
  '0008-notice-digest': m0008,
  '0009-service-language': m0009,
  '0010-who-and-where': m0010,
  '0011-queue-indexes': m0011,
  '0012-case-search': m0012,
  '0013-report-rollups': m0013,
  '0014-running-due-keyset': m0014,
  '0015-running-kind-index': m0015,
  '0016-counted-breaches': m0016,
  '0017-open-type-and-running-clock-indexes': m0017,
  '0018-primary-owner': m0018,
  '0019-imports-and-move-outs': m0019,
  '0020-owner-visits': m0020,
  '0021-unit-key-with-entrance': m0021,
  '0022-deliveries': m0022,
  '0023-notices': m0023,
  '0024-statutory-postings-and-outages': m0024,
  '0026-visit-plans': m0026,
  '0025-callbacks': m0025,
  '0028-callback-rounds-and-ratings': m0028,
  '0027-surveys': m0027,
  '0029-monthly-cycle': m0029,
  '0030-open-letters': m0030,
  '0031-steward-ratings-and-self-evaluations': m0031,
  '0032-callback-reassignments': m0032,
  '0033-visit-reminders': m0033,
  '0034-survey-review-findings': m0034,
  '0035-inspections': m0035,
  '0036-inspection-reminders': m0036,
  '0037-escalation-forms': m0037,
  '0038-display-tokens': m0038,
  '0039-staff-appraisals': m0039,
  '0040-internal-meetings': m0040,
  '0041-complaint-measures': m0041,
  '0042-outcomes-apart': m0042,
  '0043-report-items-order': m0043,
  '0044-meeting-action-reminders': m0044,
  '0045-complaint-measure-verification': m0045,
};
