import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALLBACK_SOURCES } from '@guanjia/vocabulary';
import { assignCallbacks, mayTakeCallback, pickCallbackAssignee, type CallbackCandidate, type CallbackToAssign } from './callback-assignment.ts';

const P = 'p1';
const staff = (id: string, roles: CallbackCandidate['roles'], more: Partial<CallbackCandidate> = {}): CallbackCandidate => ({
  id,
  roles,
  active: true,
  companyWide: false,
  projectIds: [P],
  load: 0,
  ...more,
});
const desk1 = staff('a-agent', ['agent'], { load: 3 });
const desk2 = staff('b-front', ['front_desk'], { load: 1 });
const supervisor = staff('c-sup', ['service_supervisor']);
const quality = staff('q-qual', ['quality_officer'], { companyWide: true, projectIds: [] });
const tech = staff('t-tech', ['technician']);
const all = [desk1, desk2, supervisor, quality, tech];
const owed = (source: CallbackToAssign['source'], more: Partial<CallbackToAssign> = {}): CallbackToAssign => ({
  source,
  projectId: P,
  firstReceiverId: null,
  accusedStaffId: null,
  createdBy: null,
  ...more,
});

describe('who makes a callback (回访的分派)', () => {
  it('primary and unrated: the case’s first receiver while on the desk; else the least-loaded of the desk', () => {
    expect(pickCallbackAssignee(owed('primary_repair', { firstReceiverId: desk1.id }), all)).toBe(desk1.id);
    expect(pickCallbackAssignee(owed('unrated', { firstReceiverId: desk1.id }), all)).toBe(desk1.id);
    // received by the supervisor (not the desk), or by someone who left
    expect(pickCallbackAssignee(owed('primary_repair', { firstReceiverId: supervisor.id }), all)).toBe(desk2.id);
    expect(pickCallbackAssignee(owed('primary_repair', { firstReceiverId: desk1.id }), [{ ...desk1, active: false }, desk2])).toBe(desk2.id);
  });

  it('rework, complained-about repairs: the least-loaded of the desk (ties: the smaller id)', () => {
    expect(pickCallbackAssignee(owed('rework'), all)).toBe(desk2.id);
    expect(pickCallbackAssignee(owed('complained_repair'), [{ ...desk1, load: 1 }, desk2])).toBe(desk1.id);
  });

  it('the quality department’s calls: the monthly list’s filler, a company complaint’s quality officer; else the desk', () => {
    expect(pickCallbackAssignee(owed('quality_monthly', { createdBy: quality.id }), all)).toBe(quality.id);
    expect(pickCallbackAssignee(owed('company_complaint'), all)).toBe(quality.id);
    expect(pickCallbackAssignee(owed('company_complaint'), [desk1, desk2])).toBe(desk2.id);
  });

  it('no desk: a project member who may call; no one: null; never the accused; never a technician; the weekly sample: its round’s', () => {
    expect(pickCallbackAssignee(owed('rework'), [supervisor, tech, quality])).toBe(supervisor.id);
    expect(pickCallbackAssignee(owed('rework'), [tech])).toBeNull();
    expect(pickCallbackAssignee(owed('rework', { accusedStaffId: desk2.id }), all)).toBe(desk1.id);
    expect(pickCallbackAssignee(owed('weekly_sample'), all)).toBeNull();
  });

  it('a batch spreads over the desk: each pick counts towards the next', () => {
    const picks = assignCallbacks([owed('rework'), owed('rework'), owed('rework'), owed('rework')], [desk1, desk2]);
    expect(picks).toEqual([desk2.id, desk2.id, desk1.id, desk2.id]);
  });

  it('always someone who may make callbacks in the project and is not the accused (or null only when there is none)', () => {
    const role = fc.constantFrom('agent', 'front_desk', 'area_steward', 'service_supervisor', 'technician', 'office_manager', 'quality_officer' as const);
    const candidate = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      roles: fc.array(role, { minLength: 1, maxLength: 2 }),
      active: fc.boolean(),
      companyWide: fc.boolean(),
      projectIds: fc.constantFrom<string[]>([P], ['p2'], [P, 'p2'], []),
      load: fc.nat(20),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(candidate, { maxLength: 8, selector: (s) => s.id }),
        fc.constantFrom(...CALLBACK_SOURCES),
        fc.option(fc.string({ maxLength: 4 })),
        (cands, source, accused) => {
          const c = owed(source, { accusedStaffId: accused, firstReceiverId: cands[0]?.id ?? null, createdBy: cands[1]?.id ?? null });
          const picked = pickCallbackAssignee(c, cands);
          if (source === 'weekly_sample') {
            expect(picked).toBeNull();
            return;
          }
          const ok = cands.filter((s) => mayTakeCallback(s, c));
          if (picked === null) expect(ok.filter((s) => s.projectIds.includes(P))).toEqual([]);
          else expect(ok.map((s) => s.id)).toContain(picked);
        },
      ),
    );
  });
});
