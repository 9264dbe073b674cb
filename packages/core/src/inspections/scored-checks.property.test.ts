import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSPECTION_KINDS } from '@guanjia/vocabulary';
import { AUDIT_SAMPLE_MAX, drawAuditSample } from './audit-sample.ts';
import { checklistProblems, resultProblems, signaturesRequired, type ChecklistItem } from './checklists.ts';
import { checkCapability, mergeResults, nightDateOf, reportRequired, submitProblems, templateCapability, type StoredResult } from './scored-checks.ts';
import { starterChecklist } from './starter-checklists.ts';

/** Issue 15 item 1: the communication audit's sample, results saved item by item, what a submission needs, the night a check counts for. */
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);

describe('the communication audit’s sample (沟通记录抽查)', () => {
  it('is reproducible from its seed, whatever order the population comes in', () => {
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 80 }),
        fc.integer({ min: 0, max: AUDIT_SAMPLE_MAX }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (population, size, seed) => {
          const a = drawAuditSample(population, size, seed);
          expect(drawAuditSample([...population].reverse(), size, seed)).toEqual(a);
          expect(drawAuditSample(population, size, seed)).toEqual(a);
        },
      ),
    );
  });
  it('draws min(size, population) distinct members of the population, sorted', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 80 }), fc.integer({ min: 0, max: 100 }), fc.nat(), (population, size, seed) => {
        const sample = drawAuditSample(population, size, seed);
        const distinct = new Set(population);
        expect(sample).toHaveLength(Math.min(size, distinct.size));
        expect(new Set(sample).size).toBe(sample.length);
        expect(sample.every((s) => distinct.has(s))).toBe(true);
        expect([...sample].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(sample);
      }),
    );
  });
  it('different seeds draw different samples of a large population (not a fixed slice)', () => {
    const population = Array.from({ length: 200 }, (_, i) => `case-${String(i).padStart(3, '0')}`);
    const samples = new Set([1, 2, 3, 4, 5].map((seed) => drawAuditSample(population, 10, seed).join(',')));
    expect(samples.size).toBe(5);
  });
});

const item = (n: number): ChecklistItem => ({ id: `i${n}`, text: `第${n}项`, specialty: 'general', points: 10 });
const resultOf = (itemId: string, k: number): StoredResult =>
  k % 3 === 0 ? { itemId, outcome: 'pass' } : k % 3 === 1 ? { itemId, outcome: 'na' } : { itemId, outcome: 'fail', deduction: 2, note: '扣分' };

describe('results saved item by item', () => {
  it('a later answer of an item replaces the earlier, the others stay, in the checklist’s order, never an unknown item', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 15 }), fc.nat()), { maxLength: 20 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 15 }), fc.nat()), { maxLength: 20 }),
        (n, a, b) => {
          const items = Array.from({ length: n }, (_, i) => item(i + 1));
          const kept = mergeResults(
            items,
            [],
            a.map(([i, k]) => resultOf(`i${i}`, k)),
          );
          const saved = b.map(([i, k]) => resultOf(`i${i}`, k));
          const merged = mergeResults(items, kept, saved);
          const order = items.map((x) => x.id);
          expect(merged.map((r) => order.indexOf(r.itemId))).toEqual([...merged.map((r) => order.indexOf(r.itemId))].sort((x, y) => x - y));
          expect(merged.every((r) => order.includes(r.itemId))).toBe(true);
          for (const r of merged) {
            const last = [...saved].reverse().find((s) => s.itemId === r.itemId) ?? [...kept].reverse().find((s) => s.itemId === r.itemId);
            expect(r).toEqual(last);
          }
          expect(new Set(merged.map((r) => r.itemId)).size).toBe(merged.length);
        },
      ),
    );
  });
});

describe('what a submission needs', () => {
  it('every item scored, the signatures its kind asks for, and the departments’ report', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INSPECTION_KINDS),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.constantFrom('', '  ', '检查报告'), { nil: null }),
        (kind, n, answered, inspector, inspected, report) => {
          const items = Array.from({ length: n }, (_, i) => item(i + 1));
          const results = items.slice(0, answered).map((i) => ({ itemId: i.id, outcome: 'pass' as const }));
          const problems = submitProblems(kind, items, results, { inspectorSignature: inspector, inspectedSignature: inspected, report });
          const fields = problems.map((p) => p.field);
          expect(fields.includes('results')).toBe(answered < n);
          expect(fields.includes('inspectorSignatureId')).toBe(signaturesRequired(kind).inspector && !inspector);
          expect(fields.includes('inspectedSignatureId')).toBe(signaturesRequired(kind).inspected && !inspected);
          expect(fields.includes('report')).toBe(reportRequired(kind) && !report?.trim());
        },
      ),
    );
  });
  it('the office’s kinds need inspection.check and their checklists inspection.admin; the departments’ inspection.audit for both', () => {
    for (const kind of INSPECTION_KINDS) {
      const departments = ['monthly_management', 'quarterly_property', 'communication_audit'].includes(kind);
      expect([checkCapability(kind), templateCapability(kind), reportRequired(kind)]).toEqual(
        departments ? ['inspection.audit', 'inspection.audit', true] : ['inspection.check', 'inspection.admin', false],
      );
    }
  });
});

describe('the night a night check counts for', () => {
  it('before 06:00 local it is the night before; from 06:00 the day itself', () => {
    expect(nightDateOf('2026-11-25T15:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-25'); // 23:30
    expect(nightDateOf('2026-11-25T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-25'); // 01:30 on the 26th
    expect(nightDateOf('2026-11-25T21:59:00.000Z', 'Asia/Shanghai')).toBe('2026-11-25'); // 05:59 on the 26th
    expect(nightDateOf('2026-11-25T22:00:00.000Z', 'Asia/Shanghai')).toBe('2026-11-26'); // 06:00 on the 26th
    expect(nightDateOf('2026-07-01T03:00:00.000Z', 'Europe/Berlin')).toBe('2026-06-30'); // 05:00 summer time
  });
});

describe('the starter checklists', () => {
  it('one per kind, each a valid checklist', () => {
    for (const kind of INSPECTION_KINDS) {
      const { name, items } = starterChecklist(kind);
      expect(name.length, kind).toBeGreaterThan(2);
      expect(checklistProblems(items), kind).toEqual([]);
      expect(resultProblems(items, [{ itemId: items[0]!.id, outcome: 'pass' }])).toEqual([]);
    }
  });
});
