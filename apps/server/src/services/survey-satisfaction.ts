import { belowTarget, DEFAULT_SATISFACTION_TARGET, wilsonInterval } from '@guanjia/core';
import { findSurveyTarget, latestSurveyFigures } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/**
 * 业主满意度 as the dashboard shows it (SPEC §10: the survey satisfaction rate): per project, its
 * latest closed survey — satisfied (4–5) over answers with the 95% Wilson interval, against the
 * project's target. Ratings of single cases stay their own figure beside it (outcomesReport).
 */
export async function surveySatisfaction(deps: AppDeps, projectIds: readonly string[], closedBefore?: string) {
  const db = deps.database.db;
  const figures = await latestSurveyFigures(db, projectIds, closedBefore);
  return Promise.all(
    figures.map(async (f) => {
      const target = (await findSurveyTarget(db, f.projectId)) ?? DEFAULT_SATISFACTION_TARGET;
      const rate = f.answers ? f.satisfied / f.answers : null;
      const { low, high } = wilsonInterval(f.satisfied, f.answers);
      return {
        projectId: f.projectId,
        surveyId: f.surveyId,
        title: f.title,
        closedAt: f.closedAt,
        answers: f.answers,
        rate,
        low,
        high,
        target,
        belowTarget: belowTarget(rate, target),
      };
    }),
  );
}
