import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyBulletin, type BulletinDefectRow } from './bulletin.ts';
import { checklistProblems, resultProblems, scoreCheck, type ChecklistItem, type ItemResult } from './checklists.ts';
import { decideDefect, defectClock, defectDeadline, defectEscalationLevel, onDailySheet, type DefectCommand, type DefectState } from './defects.ts';
import { checkLocation, distanceMetres, MAX_ACCURACY_M } from './location.ts';
import { nightCheckMonth, NIGHT_CHECKS_PER_MONTH } from './night-checks.ts';
import { differenceHash, findPhotoReuse, hashDistance, type GreyImage } from './photo-hash.ts';
import { encodePointCode, encodeScanTicket, pointCodeProblem, readPointCode, readScanTicket } from './point-code.ts';
import { decideRectification, rectificationEscalationLevel, type RectificationCommand, type RectificationState } from './rectification.ts';

/** Issue 15's rules: signed codes and tickets, location, photo reuse, defects and rectification, scoring, night checks, the bulletin. */
// a keyed stand-in for the server's HMAC (core imports no crypto): four FNV-1a lanes, 128 bits in hex
const signer = (key: string) => (text: string) =>
  [0x811c9dc5, 0x01000193, 0x2545f491, 0x9e3779b9]
    .map((seed) => {
      let h = seed >>> 0;
      for (const ch of `${key}|${text}`) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
      return h.toString(16).padStart(8, '0');
    })
    .join('');
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const day = fc.integer({ min: 0, max: 1500 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

describe('point codes and scan tickets (巡检点二维码)', () => {
  it('a code reads back as printed, and any change of a character is refused', () => {
    fc.assert(
      fc.property(id, fc.integer({ min: 0, max: 999 }), day, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (pointId, generation, validUntil, at, ch) => {
        const sign = signer('org-a');
        const text = encodePointCode({ pointId, generation, validUntil }, sign);
        expect(readPointCode(text, sign)).toEqual({ ok: true, code: { pointId, generation, validUntil } });
        const i = at % text.length;
        const altered = text.slice(0, i) + ch + text.slice(i + 1);
        if (altered !== text) expect(readPointCode(altered, sign).ok).toBe(false);
      }),
    );
  });
  it("another organization's code is refused as unsigned; an older print, another point's or an expired one is named", () => {
    fc.assert(
      fc.property(id, fc.integer({ min: 1, max: 999 }), day, day, (pointId, generation, validUntil, today) => {
        const text = encodePointCode({ pointId, generation, validUntil }, signer('org-a'));
        expect(readPointCode(text, signer('org-b'))).toEqual({ ok: false, problem: 'bad_signature' });
        const code = { pointId, generation, validUntil };
        expect(pointCodeProblem(code, { id: `${pointId}x`, codeGeneration: generation }, today)).toBe('other_point');
        expect(pointCodeProblem(code, { id: pointId, codeGeneration: generation + 1 }, today)).toBe('superseded');
        expect(pointCodeProblem(code, { id: pointId, codeGeneration: generation }, today)).toBe(today > validUntil ? 'expired' : null);
      }),
    );
  });
  it('a scan ticket holds for its task and its minutes only', () => {
    fc.assert(
      fc.property(id, id, fc.integer({ min: 1e12, max: 2e12 }), fc.integer({ min: -60_000, max: 30 * 60_000 }), (taskId, pointId, scannedAt, after) => {
        const sign = signer('org-a');
        const text = encodeScanTicket({ taskId, pointId, scannedAt, nonce: 'n1' }, sign);
        const r = readScanTicket(text, sign, { taskId, now: scannedAt + after });
        expect(r.ok).toBe(after >= 0 && after <= 15 * 60_000);
        if (!r.ok) expect(r.problem).toBe('expired');
        expect(readScanTicket(text, sign, { taskId: `${taskId}x`, now: scannedAt })).toEqual({ ok: false, problem: 'other_task' });
        expect(readScanTicket(text, signer('org-b'), { taskId, now: scannedAt })).toEqual({ ok: false, problem: 'bad_signature' });
      }),
    );
  });
});

describe('location (现场定位)', () => {
  const coord = fc.record({ latitude: fc.double({ min: 18, max: 50, noNaN: true }), longitude: fc.double({ min: 75, max: 130, noNaN: true }) });
  it('distance is symmetric, zero to itself, and one metre north is one metre', () => {
    fc.assert(
      fc.property(coord, coord, (a, b) => {
        expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 6);
        expect(distanceMetres(a, a)).toBe(0);
        expect(distanceMetres(a, { latitude: a.latitude + 1 / 111_195, longitude: a.longitude })).toBeCloseTo(1, 1);
      }),
    );
  });
  it('a fix is accepted exactly within the radius plus its capped uncertainty; a vague fix never', () => {
    fc.assert(
      fc.property(
        coord,
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 10, max: 200 }),
        fc.integer({ min: 0, max: 300 }),
        (p, northM, radiusM, accuracyM) => {
          const point = { ...p, radiusM };
          const fix = { latitude: p.latitude + northM / 111_195, longitude: p.longitude, accuracyM };
          const v = checkLocation(point, fix);
          if (accuracyM > MAX_ACCURACY_M) return void expect(v).toMatchObject({ ok: false, problem: 'position_inaccurate' });
          const allowed = radiusM + Math.min(accuracyM, 30);
          if (northM <= allowed - 1) expect(v.ok).toBe(true);
          if (northM >= allowed + 1) expect(v).toMatchObject({ ok: false, problem: 'too_far' });
        },
      ),
    );
    expect(checkLocation({ latitude: 22.5, longitude: 114, radiusM: 50 }, null)).toMatchObject({ ok: false, problem: 'position_required' });
    expect(checkLocation({ latitude: null, longitude: null, radiusM: 50 }, null)).toEqual({ ok: true, distanceM: null });
  });
});

describe('photo reuse (照片查重)', () => {
  const picture = fc.tuple(fc.integer({ min: 72, max: 160 }), fc.integer({ min: 64, max: 160 }), fc.integer()).map(([w, h, seed]) => {
    // a smooth random picture: a few blobs of light on a gradient
    let s = seed >>> 0 || 1;
    const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const blobs = Array.from({ length: 4 }, () => ({ x: rnd(), y: rnd(), v: rnd() * 200 - 100 }));
    const grey = new Uint8Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let v = 128 + 40 * (x / w - y / h);
        for (const b of blobs) v += b.v * Math.exp(-((x / w - b.x) ** 2 + (y / h - b.y) ** 2) * 20);
        // kept within 30–225, so a brightness shift of ±12 below never clips (clipping, not the shift, moves bits)
        grey[y * w + x] = Math.max(30, Math.min(225, Math.round(v)));
      }
    return { width: w, height: h, grey } as GreyImage;
  });
  const upscale = (img: GreyImage): GreyImage => {
    const grey = new Uint8Array(img.width * 2 * img.height * 2);
    for (let y = 0; y < img.height * 2; y++) for (let x = 0; x < img.width * 2; x++) grey[y * img.width * 2 + x] = img.grey[(y >> 1) * img.width + (x >> 1)]!;
    return { width: img.width * 2, height: img.height * 2, grey };
  };
  it('the same picture scaled or slightly brightened stays within a few bits; the distance is a metric', () => {
    fc.assert(
      fc.property(picture, fc.integer({ min: -12, max: 12 }), (img, shift) => {
        const h = differenceHash(img);
        expect(h).toMatch(/^[0-9a-f]{16}$/);
        expect(hashDistance(h, h)).toBe(0);
        expect(hashDistance(h, differenceHash(upscale(img)))).toBeLessThanOrEqual(6);
        const brighter = { ...img, grey: Uint8Array.from(img.grey as Uint8Array, (g) => Math.max(0, Math.min(255, g + shift))) };
        expect(hashDistance(h, differenceHash(brighter))).toBeLessThanOrEqual(6);
      }),
    );
  });
  it('a repeat is found by its file first, then by its picture; a flat frame only by its file', () => {
    const earlier = [{ attachmentId: 'a1', sha256: 's1', hash: 'ffff0000ffff0000', checkId: 'c1' }];
    expect(findPhotoReuse({ sha256: 's1', hash: '0123456789abcdef' }, earlier)).toMatchObject({ kind: 'same_file' });
    expect(findPhotoReuse({ sha256: 's2', hash: 'ffff0000ffff0001' }, earlier)).toMatchObject({ kind: 'same_picture', distance: 1 });
    expect(findPhotoReuse({ sha256: 's2', hash: '00000000ffffffff' }, earlier)).toBeNull();
    expect(findPhotoReuse({ sha256: 's3', hash: '0000000000000000' }, [{ ...earlier[0]!, hash: '0000000000000000' }])).toBeNull();
  });
});

describe('defects (不合格项) and rectification (整改通知)', () => {
  const at = fc.integer({ min: 0, max: 60 * 86_400 }).map((s) => new Date(Date.UTC(2026, 5, 1) + s * 1000).toISOString());
  const command: fc.Arbitrary<DefectCommand> = fc.oneof(
    fc.record({ kind: fc.constant('close' as const), by: fc.constantFrom('a', 'b', 'c'), at, note: fc.constantFrom('', '已清理', '更换灯泡') }),
    fc.record({ kind: fc.constant('verify' as const), by: fc.constantFrom('a', 'b', 'c'), at, passed: fc.boolean() }),
    fc.record({
      kind: fc.constant('reassign' as const),
      by: fc.constant('m'),
      at,
      responsibleId: fc.constantFrom('a', 'b'),
      deadline: fc.option(at, { nil: null }),
    }),
  );
  it('no sequence verifies a defect that was not closed, or by the one who closed it; a failed verification opens it with a later deadline', () => {
    fc.assert(
      fc.property(fc.constantFrom('minor', 'general', 'serious' as const), fc.array(command, { maxLength: 12 }), (severity, commands) => {
        const found = '2026-06-01T00:00:00.000Z';
        let d: DefectState = {
          status: 'open',
          severity,
          responsibleId: 'a',
          periodStart: found,
          deadline: defectDeadline(found, severity),
          closedAt: null,
          closedBy: null,
          reopenCount: 0,
        };
        for (const c of commands) {
          const r = decideDefect(d, c);
          if (!r.ok) continue;
          if (c.kind === 'verify') {
            expect(d.status).toBe('closed');
            expect(c.by).not.toBe(d.closedBy);
            if (!c.passed) {
              expect(r.next.status).toBe('open');
              expect(Date.parse(r.next.deadline)).toBeGreaterThan(Date.parse(c.at));
              expect(r.next.reopenCount).toBe(d.reopenCount + 1);
            }
          }
          if (c.kind === 'close') expect(c.note.trim()).not.toBe('');
          d = r.next;
        }
      }),
    );
  });
  it('the clock and escalation only move forward in time while open', () => {
    fc.assert(
      fc.property(fc.constantFrom('minor', 'general', 'serious' as const), at, at, (severity, t1, t2) => {
        const found = '2026-06-01T00:00:00.000Z';
        const d = { status: 'open' as const, periodStart: found, deadline: defectDeadline(found, severity), closedAt: null };
        const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(defectEscalationLevel(d, a)).toBeLessThanOrEqual(defectEscalationLevel(d, b));
        const rank = { on_time: 0, at_risk: 1, overdue: 2 } as Record<string, number>;
        expect(rank[defectClock(d, a)]!).toBeLessThanOrEqual(rank[defectClock(d, b)]!);
        expect(defectEscalationLevel(d, a) > 0).toBe(defectClock(d, a) === 'overdue');
      }),
    );
  });
  it('the daily sheet always keeps staff-caused defects and drops minor ones closed within 30 minutes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('minor', 'general', 'serious' as const),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
        (severity, causedByStaff, recurringLitter, closedWithinMinutes) => {
          const kept = onDailySheet({ severity, causedByStaff, recurringLitter, closedWithinMinutes });
          if (causedByStaff || severity !== 'minor') expect(kept).toBe(true);
          else if (closedWithinMinutes !== null && closedWithinMinutes <= 30) expect(kept).toBe(false);
          else if (closedWithinMinutes === null) expect(kept).toBe(true);
        },
      ),
    );
  });
  it('a rectification passes only through measures, report and someone else’s re-inspection; a failure starts a later round', () => {
    const c: fc.Arbitrary<RectificationCommand> = fc.oneof(
      fc.record({ kind: fc.constant('measures' as const), by: fc.constantFrom('r', 'i'), at, measures: fc.constantFrom('', '加强巡查') }),
      fc.record({ kind: fc.constant('report' as const), by: fc.constantFrom('r', 'i'), at, report: fc.constantFrom('', '已整改') }),
      fc.record({
        kind: fc.constant('reinspect' as const),
        by: fc.constantFrom('r', 'i'),
        at,
        passed: fc.boolean(),
        note: fc.constantFrom('', '仍有积水'),
        newDeadline: fc.option(at, { nil: null }),
      }),
    );
    fc.assert(
      fc.property(fc.array(c, { maxLength: 15 }), (commands) => {
        let r: RectificationState = { status: 'issued', issuedBy: 'i', responsibleId: 'r', deadline: '2026-06-05T00:00:00.000Z', round: 1 };
        const seen: string[] = [r.status];
        for (const cmd of commands) {
          const d = decideRectification(r, cmd);
          if (!d.ok) continue;
          if (d.next.status === 'passed') expect(seen.slice(-2)).toEqual(['measures', 'reported']);
          if (cmd.kind === 'reinspect') expect(cmd.by).not.toBe('r');
          if (cmd.kind === 'reinspect' && !cmd.passed) expect(d.next.round).toBe(r.round + 1);
          r = d.next;
          seen.push(r.status);
        }
      }),
    );
  });
});

describe('late rectification notices', () => {
  it('escalate only while not reported, and only upwards in time', () => {
    const at = fc.integer({ min: 0, max: 20 * 86_400 }).map((x) => new Date(Date.UTC(2026, 5, 1) + x * 1000).toISOString());
    fc.assert(
      fc.property(fc.constantFrom('issued', 'measures', 'reported', 'passed' as const), at, at, (status, t1, t2) => {
        const r = { status, periodStart: '2026-06-01T00:00:00.000Z', deadline: '2026-06-04T00:00:00.000Z' };
        const [a, b] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(rectificationEscalationLevel(r, a)).toBeLessThanOrEqual(rectificationEscalationLevel(r, b));
        if (status === 'reported' || status === 'passed') expect(rectificationEscalationLevel(r, b)).toBe(0);
        if (b <= r.deadline) expect(rectificationEscalationLevel(r, b)).toBe(0);
      }),
    );
  });
});

describe('checklists (检查表) and scores', () => {
  const items: fc.Arbitrary<ChecklistItem[]> = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 8 }).chain((ids) =>
    fc.tuple(
      ...ids.map((n) =>
        fc.record({
          id: fc.constant(`i${n}`),
          text: fc.constant('地面清洁'),
          specialty: fc.constantFrom('security', 'environment', 'engineering' as const),
          points: fc.integer({ min: 1, max: 10 }),
        }),
      ),
    ),
  );
  it('a score keeps between none and all applicable points; each failure is counted once', () => {
    fc.assert(
      fc.property(
        items.chain((its) =>
          fc.tuple(
            fc.constant(its),
            fc.tuple(
              ...its.map((i) =>
                fc.oneof(
                  fc.constant<ItemResult>({ itemId: i.id, outcome: 'pass' }),
                  fc.constant<ItemResult>({ itemId: i.id, outcome: 'na' }),
                  fc.integer({ min: 1, max: i.points }).map((deduction): ItemResult => ({ itemId: i.id, outcome: 'fail', deduction, note: '不洁' })),
                ),
              ),
            ),
          ),
        ),
        ([its, results]) => {
          expect(checklistProblems(its)).toEqual([]);
          expect(resultProblems(its, results)).toEqual([]);
          const s = scoreCheck(its, results);
          expect(s.awarded).toBeGreaterThanOrEqual(0);
          expect(s.awarded).toBeLessThanOrEqual(s.possible);
          expect(s.failed).toBe(results.filter((r) => r.outcome === 'fail').length);
          if (s.percent !== null) expect(s.percent).toBeGreaterThanOrEqual(0);
          const sum = Object.values(s.bySpecialty).reduce((a, v) => a + v.possible, 0);
          expect(sum).toBe(s.possible);
        },
      ),
    );
  });
  it('results name the field that is wrong', () => {
    const its: ChecklistItem[] = [{ id: 'a', text: '消防通道畅通', specialty: 'security', points: 5 }];
    expect(resultProblems(its, [{ itemId: 'z', outcome: 'pass' }])).toEqual([{ index: 0, field: 'itemId', problem: 'unknown' }]);
    expect(resultProblems(its, [{ itemId: 'a', outcome: 'fail', deduction: 6, note: '' }])).toEqual([
      { index: 0, field: 'deduction', problem: 'range' },
      { index: 0, field: 'note', problem: 'required' },
    ]);
    expect(checklistProblems([])).toEqual([{ field: 'items', problem: 'empty' }]);
  });
});

describe('night checks (夜间查岗)', () => {
  it('owed is never less than the monthly minimum lacking nor the warning nights without a check', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 30 }),
        (doneDays, from, span, todayDay) => {
          const d = (n: number) => `2026-06-${String(n).padStart(2, '0')}`;
          const done = doneDays.map(d);
          const w = { id: 'w', fromDate: d(from), toDate: d(Math.min(30, from + span)) };
          const m = nightCheckMonth('2026-06', done, [w], d(todayDay));
          expect(m.owed).toBeGreaterThanOrEqual(Math.max(0, NIGHT_CHECKS_PER_MONTH - done.length));
          for (const n of m.warningNightsOwed) {
            expect(done).not.toContain(n);
            expect(n >= w.fromDate && n <= w.toDate && n <= d(todayDay)).toBe(true);
          }
          expect(m.state === 'met').toBe(m.owed === 0);
        },
      ),
    );
    expect(nightCheckMonth('2026-05', ['2026-05-02'], [], '2026-06-01').state).toBe('missed');
    // four checks on one night are one night: three more are owed
    expect(nightCheckMonth('2026-05', Array(4).fill('2026-05-02'), [], '2026-05-10')).toMatchObject({ done: 1, owed: 3, state: 'owed' });
  });
});

describe('the monthly bulletin (月检通报)', () => {
  it('counts every defect once in its specialty, and closed ones as on time or late', () => {
    const row = fc.record({
      projectId: fc.constantFrom('p1', 'p2'),
      specialty: fc.constantFrom('security', 'environment', 'engineering' as const),
      severity: fc.constantFrom('minor', 'general', 'serious' as const),
      status: fc.constantFrom('open', 'closed', 'verified' as const),
      deadline: fc.constantFrom('2026-06-10T00:00:00.000Z', '2026-06-20T00:00:00.000Z'),
      closedAt: fc.constantFrom('2026-06-05T00:00:00.000Z', '2026-06-15T00:00:00.000Z'),
      causedByStaff: fc.boolean(),
    }) as fc.Arbitrary<BulletinDefectRow>;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (defects) => {
        const b = monthlyBulletin({ checks: [], defects, patrols: [], now: '2026-06-30T00:00:00.000Z' });
        const lines = b.flatMap((p) => p.lines);
        expect(lines.reduce((a, l) => a + l.defects, 0)).toBe(defects.length);
        for (const l of lines) expect(l.closedOnTime + l.closedLate + l.open).toBe(l.defects);
        expect(lines.reduce((a, l) => a + l.open, 0)).toBe(defects.filter((d) => d.status === 'open').length);
      }),
    );
  });
});
