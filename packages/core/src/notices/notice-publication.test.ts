import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskFinding, noticeExpiry, publicationProblems, type NoticeContent } from './notice-publication.ts';
import {
  paperTasksAfterDone,
  paperTasksAtPublication,
  PATROL_EVERY_MS,
  postingDoneProblem,
  postingsWhenExpiryChanges,
  postingsWhenNoticeEnds,
} from './paper-tasks.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T10:00:00+08:00');

const waterCut = (over: Partial<NoticeContent> = {}): NoticeContent => ({
  kind: 'water_cut',
  title: '计划停水通知',
  body: '因二次供水设施检修，3栋于明日停水，请提前储水。咨询电话0755-86001234。',
  emergency: false,
  emergencyReason: null,
  startsAt: NOW + 30 * HOUR,
  endsAt: NOW + 36 * HOUR,
  expiresAt: null,
  ...over,
});

describe('what publication needs', () => {
  it('a water cut 30 hours ahead with a clean text is publishable; it expires at the end of its period', () => {
    expect(publicationProblems(waterCut(), NOW)).toEqual([]);
    expect(noticeExpiry(waterCut(), NOW)).toBe(NOW + 36 * HOUR);
    expect(noticeExpiry(waterCut({ startsAt: null, endsAt: null }), NOW)).toBe(NOW + 30 * DAY);
  });

  it('停水 without a start is refused on its start (its lead time cannot be checked), as an emergency too; a reminder needs none', () => {
    const noStart = waterCut({ startsAt: null, endsAt: null });
    expect(publicationProblems(noStart, NOW)).toEqual([{ code: 'NOTICE_START_REQUIRED', field: 'startsAt', hours: 24 }]);
    const emergency = { ...noStart, emergency: true, emergencyReason: '主管道爆裂抢修', expiresAt: NOW + DAY };
    expect(publicationProblems(emergency, NOW)).toEqual([{ code: 'NOTICE_START_REQUIRED', field: 'startsAt', hours: 24 }]);
    expect(publicationProblems({ ...emergency, startsAt: NOW }, NOW)).toEqual([]);
    expect(publicationProblems({ ...noStart, kind: 'pest_control' }, NOW)[0]).toMatchObject({ code: 'NOTICE_START_REQUIRED', hours: 72 });
    expect(publicationProblems({ ...noStart, kind: 'reminder' }, NOW)).toEqual([]);
  });

  it('停水 12 h ahead is refused for its lead time; as an emergency it needs a reason and an expiry, then passes', () => {
    const soon = waterCut({ startsAt: NOW + 12 * HOUR, endsAt: NOW + 16 * HOUR });
    expect(publicationProblems(soon, NOW)).toEqual([{ code: 'NOTICE_LEAD_TIME_TOO_SHORT', field: 'startsAt', hours: 24 }]);
    expect(publicationProblems({ ...soon, emergency: true }, NOW).map((p) => p.code)).toEqual(['NOTICE_EMERGENCY_REASON_REQUIRED', 'NOTICE_EXPIRY_REQUIRED']);
    expect(publicationProblems({ ...soon, emergency: true, emergencyReason: '主管道爆裂抢修', expiresAt: NOW + DAY }, NOW)).toEqual([]);
  });

  it('a period ending before it starts, and an expiry not after publishing, are refused', () => {
    expect(publicationProblems(waterCut({ endsAt: NOW + 29 * HOUR }), NOW)[0]).toEqual({ code: 'NOTICE_PERIOD_INVALID', field: 'endsAt' });
    expect(publicationProblems(waterCut({ expiresAt: NOW }), NOW)).toEqual([{ code: 'NOTICE_EXPIRY_INVALID', field: 'expiresAt' }]);
  });

  it('personal data is refused naming where and what, masked: a phone number, a name with a unit', () => {
    const found = publicationProblems(waterCut({ body: '如有疑问请联系13812345678。', title: '3栋2单元1201张伟家漏水影响楼下' }), NOW);
    expect(found).toEqual([
      { code: 'NOTICE_PERSONAL_DATA', field: 'title', kind: 'name_with_unit', excerpt: '3栋2单元1201张*' },
      { code: 'NOTICE_PERSONAL_DATA', field: 'body', kind: 'phone', excerpt: '138****5678' },
    ]);
    for (const p of found) if (p.code === 'NOTICE_PERSONAL_DATA') expect(p.excerpt).not.toMatch(/伟|12345678/);
  });

  it('a masked finding never shows more than its first and last characters of a number, nor a given name', () => {
    expect(maskFinding({ kind: 'id_number', excerpt: '110101198001011232', index: 0 })).toBe('1101**********1232');
    expect(maskFinding({ kind: 'email', excerpt: 'zhangwei@example.com', index: 0 })).toBe('z***@example.com');
    expect(maskFinding({ kind: 'phone', excerpt: '+86 138-1234-5678', index: 0 })).toBe('138****5678');
    expect(maskFinding({ kind: 'name_with_unit', excerpt: '李娜 5号楼101室', index: 0 })).toBe('李* 5号楼101室');
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const masked = maskFinding({ kind: 'phone', excerpt: phone, index: 0 });
        expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      }),
    );
  });
});

describe('the area steward’s paper tasks', () => {
  it('publication makes: post within 2 hours, a patrol 3 days on, take down at expiry', () => {
    expect(paperTasksAtPublication(NOW, NOW + 10 * DAY)).toEqual([
      { task: 'post', dueAt: NOW + 2 * HOUR },
      { task: 'patrol', dueAt: NOW + PATROL_EVERY_MS },
      { task: 'take_down', dueAt: NOW + 10 * DAY },
    ]);
    // a notice in force for a day is not patrolled
    expect(paperTasksAtPublication(NOW, NOW + DAY).map((t) => t.task)).toEqual(['post', 'take_down']);
  });

  it('a patrol makes the next one while in force, and a re-post when it found the notice damaged; posting needs a photo', () => {
    expect(paperTasksAfterDone('patrol', NOW, NOW + 10 * DAY, true)).toEqual([
      { task: 'repost', dueAt: NOW + 2 * HOUR },
      { task: 'patrol', dueAt: NOW + 3 * DAY },
    ]);
    expect(paperTasksAfterDone('patrol', NOW, NOW + 2 * DAY, false)).toEqual([]);
    expect(paperTasksAfterDone('post', NOW, NOW + 10 * DAY, false)).toEqual([]);
    expect(postingDoneProblem('post', false)).toBe('photo_required');
    expect(postingDoneProblem('repost', false)).toBe('photo_required');
    expect(postingDoneProblem('patrol', false)).toBeNull();
    expect(postingDoneProblem('take_down', false)).toBeNull();
  });

  it('patrols never fall due after expiry, however they are done', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.integer({ min: 0, max: 5 * DAY }), { maxLength: 30 }), (days, gaps) => {
        const expiresAt = NOW + days * DAY;
        let due = paperTasksAtPublication(NOW, expiresAt).filter((t) => t.task !== 'take_down');
        let at = NOW;
        for (const gap of gaps) {
          for (const t of due) expect(t.dueAt).toBeLessThanOrEqual(expiresAt);
          const patrol = due.find((t) => t.task === 'patrol');
          if (!patrol) break;
          at = Math.max(at, patrol.dueAt - DAY) + gap;
          due = paperTasksAfterDone('patrol', at, expiresAt, gap % 2 === 0);
        }
      }),
    );
  });

  it('when the notice ends early: open tasks cancelled; the take-down due now if it was put up, cancelled if not', () => {
    const tasks = [
      { id: 'p', task: 'post' as const, status: 'done' as const, dueAt: NOW },
      { id: 'r', task: 'patrol' as const, status: 'open' as const, dueAt: NOW + 3 * DAY },
      { id: 't', task: 'take_down' as const, status: 'open' as const, dueAt: NOW + 9 * DAY },
    ];
    expect(postingsWhenNoticeEnds(tasks, NOW + HOUR)).toEqual({ cancel: ['r'], dueNow: ['t'] });
    expect(postingsWhenNoticeEnds([{ ...tasks[0]!, status: 'open' }, tasks[2]!], NOW + HOUR)).toEqual({ cancel: ['p', 't'], dueNow: [] });
    expect(postingsWhenExpiryChanges(tasks, NOW + 2 * DAY)).toEqual({ cancel: ['r'], takeDown: ['t'] });
  });
});
