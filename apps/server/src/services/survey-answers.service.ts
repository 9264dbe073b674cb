import {
  checkAnswerScores,
  checkAnswerWindow,
  checkPhoneCap,
  DomainError,
  formatUnitLabel,
  localDateOf,
  requireCapability,
  type Actor,
  type OwnerActor,
  type SurveyAnswerChannel,
} from '@guanjia/core';
import {
  countPhoneAnswers,
  findProject,
  findStaff,
  findSurvey,
  findSurveyAnswer,
  insertSurveyRegisterEntry,
  ownerHomes,
  recordSurveyAnswer,
  surveysOfUnits,
  surveyUnitPlaces,
  type SurveyAnswerRecord,
  type SurveyRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { visibleSurvey } from './surveys.service.ts';
import { inTransaction } from './transaction.ts';

/**
 * Answers to a survey (SPEC §8): the owner in the portal for a sampled home of theirs; staff with
 * survey.enter for a paper questionnaire (by its code) or a phone interview (marked `phone`, capped at
 * 20% of the sample). Every item answered with one of its scores; answers after the end date, before
 * launch or after closing, and a second answer for one household are refused. A comment becomes an
 * entry of the register (客户意见登记) in the same transaction.
 */

interface AnswerInput {
  scores: Record<string, number>;
  comment?: string | null;
}

async function record(
  deps: AppDeps,
  s: SurveyRecord,
  row: SurveyAnswerRecord,
  channel: SurveyAnswerChannel,
  input: AnswerInput,
  by: { staffId: string | null; ownerId: string | null },
) {
  const project = await findProject(deps.database.db, s.projectId);
  const now = deps.now();
  const today = localDateOf(now, project?.timeZone ?? 'Asia/Shanghai');
  const window = checkAnswerWindow(s, today);
  if (window) throw DomainError.from(window);
  if (row.status === 'answered') throw new DomainError('SURVEY_ALREADY_ANSWERED', 'code', { answeredAt: row.answeredAt ?? '' });
  const invalid = checkAnswerScores(s.items, input.scores);
  if (invalid) throw DomainError.from(invalid);
  const comment = input.comment?.trim() || null;
  await inTransaction(deps.database, async (db) => {
    if (channel === 'phone') {
      // phone entries arriving together: the survey row locked (PostgreSQL FOR UPDATE; SQLite writes one at a time),
      // then the phone answers counted in this transaction, so the cap cannot be passed by a race
      const locked = await findSurvey(db, s.id, { forUpdate: true });
      const reopened = locked ? checkAnswerWindow(locked, today) : null;
      if (reopened) throw DomainError.from(reopened);
      const cap = checkPhoneCap(channel, await countPhoneAnswers(db, s.id), s.sampled);
      if (cap) throw DomainError.from(cap);
    }
    const done = await recordSurveyAnswer(
      db,
      {
        id: row.id,
        surveyId: s.id,
        buildingId: row.buildingId,
        channel,
        answeredAt: now,
        answeredOn: today,
        enteredBy: by.staffId,
        comment,
        ownerId: by.ownerId ?? row.ownerId,
      },
      input.scores,
    );
    if (!done) {
      const again = await findSurveyAnswer(db, s.id, { unitId: row.unitId });
      throw new DomainError('SURVEY_ALREADY_ANSWERED', 'code', { answeredAt: again?.answeredAt ?? now });
    }
    if (comment)
      await insertSurveyRegisterEntry(db, {
        id: deps.newId(),
        surveyId: s.id,
        answerId: row.id,
        organizationId: s.organizationId,
        projectId: s.projectId,
        unitId: row.unitId,
        ownerId: by.ownerId ?? row.ownerId,
        text: comment,
        status: 'open',
        note: null,
        createdAt: now,
        handledBy: null,
        handledAt: null,
      });
  });
  return { answerId: row.id, surveyId: s.id, channel, answeredAt: now };
}

/** Staff enter a paper questionnaire or a phone interview, found by the household's code. */
export async function enterAnswer(deps: AppDeps, actor: Actor, surveyId: string, input: AnswerInput & { code: string; channel: 'paper' | 'phone' }) {
  requireCapability(actor, 'survey.enter');
  const s = await visibleSurvey(deps, actor, surveyId);
  const row = await findSurveyAnswer(deps.database.db, s.id, { code: input.code });
  if (!row) {
    // a draft or closed campaign says so (a draft has no codes yet), whatever the date
    const open = checkAnswerWindow(s, s.startsOn);
    if (open) throw DomainError.from(open);
    throw new DomainError('SURVEY_CODE_NOT_FOUND', 'code', { code: input.code });
  }
  return record(deps, s, row, input.channel, input, { staffId: actor.id, ownerId: null });
}

function requireOwner(actor: Actor): asserts actor is OwnerActor {
  if (actor.kind !== 'owner') throw new DomainError('FORBIDDEN');
}

/** The owner's open surveys: each launched campaign one of their current homes is sampled in, answered or not. */
export async function listPortalSurveys(deps: AppDeps, actor: Actor) {
  requireOwner(actor);
  const db = deps.database.db;
  const homes = await ownerHomes(db, actor.id);
  const found = (
    await surveysOfUnits(
      db,
      homes.map((h) => h.unitId),
    )
  ).filter((x) => x.survey.organizationId === actor.organizationId);
  const places = await surveyUnitPlaces(
    db,
    found.map((x) => x.answer.unitId),
  );
  const projectNames = new Map<string, string>();
  for (const id of new Set(found.map((x) => x.survey.projectId))) projectNames.set(id, (await findProject(db, id))?.name ?? '');
  const stewardNames = new Map<string, string>();
  for (const id of new Set(found.map((x) => x.answer.stewardId).filter((x): x is string => !!x))) stewardNames.set(id, (await findStaff(db, id))?.name ?? '');
  return found
    .sort((a, b) => a.survey.endsOn.localeCompare(b.survey.endsOn))
    .map(({ survey: s, answer: a }) => {
      const p = places.get(a.unitId);
      return {
        id: s.id,
        title: s.title,
        kind: s.kind,
        stewardName: a.stewardId ? (stewardNames.get(a.stewardId) ?? null) : null,
        projectName: projectNames.get(s.projectId) ?? '',
        endsOn: s.endsOn,
        items: s.items,
        commentPrompt: s.commentPrompt,
        unitId: a.unitId,
        unitLabel: p ? formatUnitLabel(p) : '',
        status: a.status,
        answeredAt: a.answeredAt,
      };
    });
}

/** The owner answers for one of their homes sampled in the campaign (any other: not found). */
export async function answerInPortal(deps: AppDeps, actor: Actor, surveyId: string, input: AnswerInput & { unitId: string }) {
  requireOwner(actor);
  const db = deps.database.db;
  const homes = await ownerHomes(db, actor.id);
  const s = await findSurvey(db, surveyId);
  if (!s || s.organizationId !== actor.organizationId || !homes.some((h) => h.projectId === s.projectId)) throw new DomainError('SURVEY_NOT_FOUND', 'id');
  const row = homes.some((h) => h.unitId === input.unitId) ? await findSurveyAnswer(db, s.id, { unitId: input.unitId }) : null;
  if (!row) throw new DomainError('UNIT_NOT_FOUND', 'unitId');
  return record(deps, s, row, 'portal', input, { staffId: null, ownerId: actor.id });
}
