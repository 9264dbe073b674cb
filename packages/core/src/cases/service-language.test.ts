import * as fc from 'fast-check';
import { DEFAULT_FORBIDDEN_PHRASES, findForbiddenPhrases } from '@guanjia/vocabulary';
import { describe, expect, it } from 'vitest';
import { owner, staff, T0 } from '../testing/factories.ts';
import type { CaseCommand } from './commands.ts';
import { guardServiceLanguage, ownerFacingTexts } from './service-language.ts';

const agent = staff(['agent'], { id: 'agent-1' });
const list = DEFAULT_FORBIDDEN_PHRASES;

describe('the phrase list (服务忌语)', () => {
  it('holds the seed’s colloquialisms and the bare deflecting phrases', () => {
    for (const p of ['我晕', '天啊', '怎么这样', '真是的', '不知道', '没有办法', '不清楚', '管不了', '找开发商去', '急什么']) expect(list).toContain(p);
  });
  it('finds each listed phrase once, in list order, also with spaces inside', () => {
    expect(findForbiddenPhrases('这个我管不了，急什么，管不了', list)).toEqual(['管不了', '急什么']);
    expect(findForbiddenPhrases('我也不 知道', list)).toEqual(['不知道']);
    expect(findForbiddenPhrases('王先生您好，师傅下午两点上门，谢谢！', list)).toEqual([]);
  });
  it('a company’s own list decides: a phrase off the list passes', () => {
    expect(findForbiddenPhrases('我也不知道', ['急什么'])).toEqual([]);
    expect(findForbiddenPhrases('请稍候', ['稍候'])).toEqual(['稍候']);
  });
});

describe('which texts are owner-facing', () => {
  it('replies, answers, informs, acknowledgements, contacts and out-of-scope reasons; not notes or inbound messages', () => {
    const fields = (cmd: CaseCommand) => ownerFacingTexts(cmd).map((t) => t.field);
    expect(fields({ type: 'message', direction: 'outbound', content: 'x' })).toEqual(['content']);
    expect(fields({ type: 'message', direction: 'inbound', content: 'x' })).toEqual([]);
    expect(fields({ type: 'answer', content: 'x' })).toEqual(['content']);
    expect(fields({ type: 'inform_owner', content: 'x' })).toEqual(['content']);
    expect(fields({ type: 'record_contact', content: 'x' })).toEqual(['content']);
    expect(fields({ type: 'acknowledge', apology: true, readBack: true, content: 'x' })).toEqual(['content']);
    expect(fields({ type: 'acknowledge', apology: true, readBack: true })).toEqual([]);
    expect(fields({ type: 'close_out_of_scope', reason: 'x' })).toEqual(['reason']);
    expect(fields({ type: 'add_note', content: 'x' })).toEqual([]);
  });
  it('a completion summary, an extension’s note, a recorded follow-up and a department’s draft answer: owners read them too', () => {
    const fields = (cmd: CaseCommand) => ownerFacingTexts(cmd).map((t) => t.field);
    expect(fields({ type: 'complete', summary: 'x' })).toEqual(['summary']);
    expect(fields({ type: 'extend_deadline', which: 'promise', newAt: T0, ownerAgreed: true, note: 'x' })).toEqual(['note']);
    expect(fields({ type: 'record_follow_up', content: 'x' })).toEqual(['content']);
    expect(fields({ type: 'submit_answer', content: 'x' })).toEqual(['content']);
    expect(fields({ type: 'submit_plan', cause: 'x', steps: 'x', expectedCompletionAt: T0 })).toEqual([]);
  });
  it('the audit’s texts are refused without an override: 急什么 in a completion summary, 管不了 in a follow-up', () => {
    const tech = staff(['technician'], { id: 'tech-1', departmentId: 'dept-eng' });
    expect(guardServiceLanguage({ type: 'complete', summary: '急什么，修好了，其他的管不了' }, tech, list, undefined, T0)).toEqual({
      ok: false,
      refusal: { code: 'SERVICE_LANGUAGE_FLAGGED', field: 'summary', params: { phrases: '管不了、急什么' } },
    });
    expect(guardServiceLanguage({ type: 'record_follow_up', content: '业主说还漏，这个我们管不了' }, agent, list, undefined, T0)).toMatchObject({
      ok: false,
      refusal: { field: 'content' },
    });
    expect(guardServiceLanguage({ type: 'complete', summary: '已更换阀芯，试水正常，谢谢业主配合' }, tech, list, undefined, T0)).toEqual({
      ok: true,
      events: [],
    });
  });
});

describe('the guard', () => {
  const reply = (content: string): CaseCommand => ({ type: 'message', direction: 'outbound', content });
  it('refuses a flagged text naming the field and the phrases', () => {
    const r = guardServiceLanguage(reply('这事我管不了，找开发商去'), agent, list, undefined, T0);
    expect(r).toEqual({ ok: false, refusal: { code: 'SERVICE_LANGUAGE_FLAGGED', field: 'content', params: { phrases: '管不了、找开发商去' } } });
  });
  it('an override with a reason passes and leaves one internal event with phrases and reason', () => {
    const r = guardServiceLanguage(reply('我不知道'), agent, list, { reason: '业主原话转述' }, T0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({
      type: 'service_language_overridden',
      actorId: 'agent-1',
      internal: true,
      content: '业主原话转述',
      data: { command: 'message', fields: ['content'], phrases: ['不知道'], reason: '业主原话转述' },
    });
  });
  it('an override without a reason is refused', () => {
    expect(guardServiceLanguage(reply('急什么'), agent, list, { reason: '  ' }, T0)).toEqual({
      ok: false,
      refusal: { code: 'FIELD_REQUIRED', field: 'languageOverride.reason', params: undefined },
    });
  });
  it('a clean text needs nothing and records nothing, override or not', () => {
    expect(guardServiceLanguage(reply('张女士您好，谢谢'), agent, list, undefined, T0)).toEqual({ ok: true, events: [] });
    expect(guardServiceLanguage(reply('张女士您好，谢谢'), agent, list, { reason: '无' }, T0)).toEqual({ ok: true, events: [] });
  });
  it('an owner’s own words are never checked', () => {
    expect(guardServiceLanguage({ type: 'message', direction: 'inbound', content: '急什么' }, owner(), list, undefined, T0).ok).toBe(true);
  });
});

// --- properties ---------------------------------------------------------------------------------

const phrase = fc.string({ unit: fc.constantFrom(...'不知道急什么管了您好请谢天啊晕开发商'.split('')), minLength: 1, maxLength: 5 });
const words = fc.string({ unit: fc.constantFrom(...'您好请稍候师傅上门谢谢，。先生女士'.split('')), maxLength: 30 });
const OWNER_FACING: ((content: string) => CaseCommand)[] = [
  (content) => ({ type: 'message', direction: 'outbound', content }),
  (content) => ({ type: 'answer', content }),
  (content) => ({ type: 'inform_owner', content }),
  (content) => ({ type: 'record_contact', content }),
  (content) => ({ type: 'acknowledge', apology: true, readBack: true, content }),
  (reason) => ({ type: 'close_out_of_scope', reason }),
  (summary) => ({ type: 'complete', summary }),
  (note) => ({ type: 'extend_deadline', which: 'owner_deadline', newAt: T0, ownerAgreed: true, note }),
  (content) => ({ type: 'record_follow_up', content }),
  (content) => ({ type: 'submit_answer', content }),
];
const commandKind = fc.integer({ min: 0, max: OWNER_FACING.length - 1 });

describe('properties of the guard', () => {
  it('any owner-facing text containing a listed phrase is refused without an override', () => {
    fc.assert(
      fc.property(fc.array(phrase, { minLength: 1, maxLength: 5 }), fc.nat(), words, words, commandKind, (phrases, i, before, after, kind) => {
        const p = phrases[i % phrases.length]!;
        const r = guardServiceLanguage(OWNER_FACING[kind]!(`${before}${p}${after}`), agent, phrases, undefined, T0);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.refusal.code).toBe('SERVICE_LANGUAGE_FLAGGED');
          expect(String(r.refusal.params?.phrases).split('、')).toContain(p);
        }
      }),
    );
  });
  it('a flagged text passes only with a non-empty reason, and then is recorded with every phrase found', () => {
    fc.assert(
      fc.property(fc.array(phrase, { minLength: 1, maxLength: 5 }), words, fc.string({ maxLength: 8 }), (phrases, before, reason) => {
        const text = `${before}${phrases[0]}`;
        const r = guardServiceLanguage({ type: 'answer', content: text }, agent, phrases, { reason }, T0);
        if (!reason.trim()) {
          expect(r).toMatchObject({ ok: false, refusal: { code: 'FIELD_REQUIRED', field: 'languageOverride.reason' } });
        } else {
          expect(r.ok).toBe(true);
          if (r.ok) {
            expect(r.events).toHaveLength(1);
            expect(r.events[0]!.data.phrases).toEqual(findForbiddenPhrases(text, phrases));
            expect(r.events[0]!.data.reason).toBe(reason.trim());
          }
        }
      }),
    );
  });
  it('a text with none of the phrases passes and records nothing', () => {
    fc.assert(
      fc.property(fc.array(phrase, { maxLength: 5 }), words, (phrases, text) => {
        fc.pre(findForbiddenPhrases(text, phrases).length === 0);
        expect(guardServiceLanguage({ type: 'answer', content: text }, agent, phrases, undefined, T0)).toEqual({ ok: true, events: [] });
      }),
    );
  });
});
