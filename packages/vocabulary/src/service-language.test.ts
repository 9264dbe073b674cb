import { describe, expect, it } from 'vitest';
import { checkServiceLanguage } from './service-language.ts';

const kinds = (text: string) => checkServiceLanguage(text).map((i) => i.kind);

describe('the service-language guard', () => {
  it('a proper reply passes', () => {
    expect(checkServiceLanguage('张先生您好，维修师傅下午两点上门，请您留人在家，谢谢！')).toEqual([]);
  });
  it('finds banned phrases, fillers, rhetorical questions and blaming', () => {
    expect(checkServiceLanguage('我晕，这个不归我管。')).toEqual(
      expect.arrayContaining([
        { kind: 'banned_phrase', found: ['我晕'] },
        { kind: 'blaming', found: ['不归我管'] },
      ]),
    );
    expect(kinds('嗯，李女士您好，请稍等，谢谢')).toEqual(['filler_opening']);
    expect(kinds('王先生您好，难道您没看通知吗？谢谢')).toEqual(['rhetorical_question']);
  });
  it('你 where 您 is required; 你们 alone is not flagged', () => {
    expect(kinds('陈女士您好，你的快递到了，请到前台领取，谢谢')).toEqual(['informal_you']);
    expect(kinds('各位业主您好，请你们注意停水通知，谢谢')).toEqual([]);
  });
  it('a missing form of address and missing courtesy words are named', () => {
    expect(kinds('水管已经修好了')).toEqual(['no_form_of_address', 'no_courtesy']);
    expect(checkServiceLanguage('')).toEqual([]);
  });
});
