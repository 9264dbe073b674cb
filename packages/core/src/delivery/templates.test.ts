import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGE_KINDS } from '@guanjia/vocabulary';
import { checkTemplate, DEFAULT_TEMPLATES, MESSAGE_VARIABLES, placeholdersOf, renderTemplate, SAMPLE_VARIABLES } from './templates.ts';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/gu;
const OWNER_CASE_KINDS = ['case_received', 'case_accepted', 'technician_on_the_way', 'work_done', 'case_closed'] as const;

describe('default message templates', () => {
  it('every kind has a zh-CN and an English template using only the variables its kind offers', () => {
    for (const kind of MESSAGE_KINDS)
      for (const locale of LOCALES) {
        const template = DEFAULT_TEMPLATES[kind][locale];
        expect(template.title.length, `${kind} ${locale}`).toBeGreaterThan(0);
        expect(checkTemplate(kind, template), `${kind} ${locale}`).toEqual([]);
      }
  });

  it('the samples give a value to every variable of their kind, and nothing else', () => {
    for (const kind of MESSAGE_KINDS) expect(Object.keys(SAMPLE_VARIABLES[kind]).sort(), kind).toEqual([...MESSAGE_VARIABLES[kind]].sort());
  });

  it('rendered with the samples, no template leaves a placeholder behind', () => {
    for (const kind of MESSAGE_KINDS)
      for (const locale of LOCALES) {
        const text = renderTemplate(DEFAULT_TEMPLATES[kind][locale], SAMPLE_VARIABLES[kind]);
        expect(`${text.title}${text.body}`, `${kind} ${locale}`).not.toMatch(/\{\{|\}\}/);
      }
  });

  it('the English templates hold no Chinese (at most one CJK character)', () => {
    for (const kind of MESSAGE_KINDS) {
      const { title, body } = DEFAULT_TEMPLATES[kind].en;
      expect((`${title}${body}`.match(CJK) ?? []).length, kind).toBeLessThanOrEqual(1);
    }
  });

  it('the zh-CN messages to owners about their case are courteous and fit in one 70-character SMS with the samples', () => {
    for (const kind of OWNER_CASE_KINDS) {
      const { body } = renderTemplate(DEFAULT_TEMPLATES[kind]['zh-CN'], SAMPLE_VARIABLES[kind]);
      expect(body, kind).toMatch(/您好/);
      expect(body, kind).toMatch(/谢谢|感谢/);
      expect([...body].length, `${kind}: ${body}`).toBeLessThanOrEqual(70);
    }
  });

  it('the repair received message reads as a property company writes it', () => {
    expect(renderTemplate(DEFAULT_TEMPLATES.case_received['zh-CN'], SAMPLE_VARIABLES.case_received)).toEqual({
      title: '您的报修已受理',
      body: '【管家物业】您好，您的报修（单号BX20261125-0012）已受理：厨房水龙头漏水。我们将尽快处理，谢谢！',
    });
  });
});

describe('rendering and checking a template', () => {
  it('fills known variables, empties unknown and missing ones (spaces inside the braces allowed)', () => {
    const template = { title: '工单{{ caseNumber }}', body: '{{actorName}}：{{change}}{{nope}}{{constructor}}' };
    expect(renderTemplate(template, { caseNumber: 'TS-1', actorName: '王芳' })).toEqual({ title: '工单TS-1', body: '王芳：' });
    // a value goes in as it is, not rendered again; a placeholder inside it is removed
    expect(renderTemplate({ title: '{{summary}}', body: '' }, { summary: '门禁{坏了} {{caseNumber}}', caseNumber: 'X' }).title).toBe('门禁{坏了} ');
  });

  it('never leaves a placeholder in the output, whatever the template', () => {
    const piece = fc.constantFrom('{{', '}}', '{', '}', 'caseNumber', ' ', '您好', 'x', '{{caseNumber}}', '{{ title }}', '{{}}');
    const text = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));
    const value = fc.array(piece, { maxLength: 3 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, fc.dictionary(fc.constantFrom('caseNumber', 'title', 'x'), value), (title, body, variables) => {
        const out = renderTemplate({ title, body }, variables);
        expect(out.title).not.toMatch(/\{\{[^{}]*\}\}/);
        expect(out.body).not.toMatch(/\{\{[^{}]*\}\}/);
        expect([...placeholdersOf(out.title), ...placeholdersOf(out.body)]).toEqual([]);
      }),
    );
  });

  it('names the placeholders a kind does not offer, per field', () => {
    expect(checkTemplate('case_received', { title: '{{caseNumber}}', body: '{{caseNumbr}} {{ dueAt }} {{caseNumbr}}' })).toEqual([
      { field: 'body', variable: 'caseNumbr' },
      { field: 'body', variable: 'dueAt' },
    ]);
    expect(checkTemplate('channel_test', { title: '{{summary}}', body: '{{sentAt}}' })).toEqual([{ field: 'title', variable: 'summary' }]);
  });
});
