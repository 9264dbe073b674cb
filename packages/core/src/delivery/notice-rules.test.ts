import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTICE_KIND_LABELS, NOTICE_KINDS } from '@guanjia/vocabulary';
import { COMMON_SURNAMES, defaultExpiry, findPersonalData, leadTimeProblem, NOTICE_LEAD_HOURS } from './notice-rules.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const PUBLISH = Date.parse('2026-11-25T10:00:00+08:00');

describe('notice kinds', () => {
  it('every kind has a Chinese and an English label', () => {
    for (const kind of NOTICE_KINDS) {
      expect(NOTICE_KIND_LABELS[kind]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(NOTICE_KIND_LABELS[kind].en).toMatch(/^[A-Z][A-Za-z ]+$/);
    }
  });
});

describe('the lead time of a planned disruption', () => {
  it('a water cut 24 hours ahead passes; 23 hours ahead is refused, naming the hours', () => {
    expect(leadTimeProblem('water_cut', PUBLISH, PUBLISH + 24 * HOUR, false, null)).toBeNull();
    expect(leadTimeProblem('water_cut', PUBLISH, PUBLISH + 23 * HOUR, false, null)).toEqual({ field: 'startsAt', reason: 'lead_time_too_short', hours: 24 });
    expect(leadTimeProblem('power_cut', PUBLISH, PUBLISH, false, null)).toEqual({ field: 'startsAt', reason: 'lead_time_too_short', hours: 24 });
  });

  it('pest control needs 72 hours', () => {
    expect(leadTimeProblem('pest_control', PUBLISH, PUBLISH + 71 * HOUR, false, null)).toEqual({ field: 'startsAt', reason: 'lead_time_too_short', hours: 72 });
    expect(leadTimeProblem('pest_control', PUBLISH, PUBLISH + 72 * HOUR, false, null)).toBeNull();
  });

  it('an emergency may be sooner, with a reason; without one it is refused on the reason', () => {
    expect(leadTimeProblem('water_cut', PUBLISH, PUBLISH + HOUR, true, '主管道爆裂抢修')).toBeNull();
    expect(leadTimeProblem('water_cut', PUBLISH, PUBLISH + HOUR, true, '  ')).toEqual({
      field: 'emergencyReason',
      reason: 'emergency_reason_required',
      hours: 24,
    });
    expect(leadTimeProblem('water_cut', PUBLISH, PUBLISH + HOUR, true, null)).toEqual({
      field: 'emergencyReason',
      reason: 'emergency_reason_required',
      hours: 24,
    });
  });

  it('a notice of a kind with a lead time names its start, emergency or not (the check cannot be skipped by leaving it out)', () => {
    for (const kind of ['water_cut', 'power_cut', 'pest_control'] as const)
      for (const [emergency, reason] of [
        [false, null],
        [true, '主管道爆裂抢修'],
      ] as const)
        expect(leadTimeProblem(kind, PUBLISH, null, emergency, reason)).toEqual({
          field: 'startsAt',
          reason: 'start_required',
          hours: NOTICE_LEAD_HOURS[kind],
        });
  });

  it('kinds without a lead time are never refused on it; the others are refused without a start, or a start too soon but for an emergency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NOTICE_KINDS),
        fc.integer({ min: -30 * DAY, max: 30 * DAY }),
        fc.boolean(),
        fc.constantFrom(null, '  ', '主管道爆裂抢修'),
        (kind, lead, emergency, reason) => {
          const hours = NOTICE_LEAD_HOURS[kind];
          const withoutStart = leadTimeProblem(kind, PUBLISH, null, emergency, reason);
          if (hours === undefined) expect(withoutStart).toBeNull();
          else expect(withoutStart).toEqual({ field: 'startsAt', reason: 'start_required', hours });
          const problem = leadTimeProblem(kind, PUBLISH, PUBLISH + lead, emergency, reason);
          if (hours === undefined || lead >= hours * HOUR) expect(problem).toBeNull();
          else if (!emergency) expect(problem).toEqual({ field: 'startsAt', reason: 'lead_time_too_short', hours });
          else if (reason?.trim()) expect(problem).toBeNull();
          else expect(problem).toEqual({ field: 'emergencyReason', reason: 'emergency_reason_required', hours });
        },
      ),
    );
  });
});

describe('when a notice expires', () => {
  it('when its validity ends, or 30 days after publishing without one', () => {
    expect(defaultExpiry(PUBLISH, PUBLISH + 2 * DAY)).toBe(PUBLISH + 2 * DAY);
    expect(defaultExpiry(PUBLISH, null)).toBe(PUBLISH + 30 * DAY);
  });
});

describe('personal data in a notice', () => {
  const kinds = (text: string) => findPersonalData(text).map((f) => [f.kind, f.excerpt]);

  it('a water-cut notice with the office hotline and a 400 number passes', () => {
    const notice =
      '尊敬的业主：因二次供水设施检修，3栋、5栋将于2026年11月27日09:00至15:00停水，请提前做好储水准备。' +
      '如有疑问请致电管理处0755-86001234或客服热线400-800-1234。物业经理王经理。给您带来不便，敬请谅解！翠湖物业服务中心 2026-11-25';
    expect(findPersonalData(notice)).toEqual([]);
  });

  it('a resident named next to their home is caught', () => {
    const text = '3栋2单元1201张先生请于本周五前到管理处领取快递。';
    expect(findPersonalData(text)).toEqual([{ kind: 'name_with_unit', excerpt: '3栋2单元1201张先生', index: 0 }]);
    expect(kinds('请5号楼101室业主李建国尽快挪车')).toEqual([['name_with_unit', '5号楼101室业主李建国']]);
    expect(kinds('12-3-502王女士反映楼上漏水')).toEqual([['name_with_unit', '12-3-502王女士']]);
    expect(kinds('欧阳娜娜（A座1801）的快递')).toEqual([['name_with_unit', '欧阳娜娜（A座1801']]);
    expect(kinds('感谢1201室陈阿姨拾金不昧')).toEqual([['name_with_unit', '1201室陈阿姨']]);
  });

  it('a unit alone or a name alone is not personal data', () => {
    expect(findPersonalData('3栋停水，5号楼101室至110室及A座1801室于明日停电检修。')).toEqual([]);
    expect(findPersonalData('5号楼101室周边请勿堆放杂物；3栋2单元1201室将于周六施工。')).toEqual([]);
    expect(findPersonalData('物业经理王经理、工程部李工将于明日巡查。')).toEqual([]);
    expect(findPersonalData('3栋1201室王经理到场处理。')).toEqual([]);
    expect(findPersonalData('请3栋1201室业主于明日前联系管理处，12-3-502住户向楼下说明情况。')).toEqual([]);
    expect(kinds('3栋1201室于先生')).toEqual([['name_with_unit', '3栋1201室于先生']]);
  });

  it('mobile numbers are caught however they are written; landlines are not', () => {
    expect(kinds('联系人电话13812345678')).toEqual([['phone', '13812345678']]);
    expect(kinds('请致电138-1234-5678或 139 8765 4321')).toEqual([
      ['phone', '138-1234-5678'],
      ['phone', '139 8765 4321'],
    ]);
    expect(kinds('电话+86 13812345678')).toEqual([['phone', '+86 13812345678']]);
    expect(kinds('全角１３８１２３４５６７８')).toEqual([['phone', '１３８１２３４５６７８']]);
    expect(findPersonalData('值班电话010-65529988，(020)87654321，0755 8600 1234')).toEqual([]);
  });

  it('ID numbers (18 and 15 digits) and email addresses are caught', () => {
    expect(kinds('失主身份证号11010519491231002X，请认领')).toEqual([['id_number', '11010519491231002X']]);
    expect(kinds('旧证号：110105491231002')).toEqual([['id_number', '110105491231002']]);
    expect(kinds('请联系 zhang.wei@example.cn 确认')).toEqual([['email', 'zhang.wei@example.cn']]);
  });

  it('each finding points at its text', () => {
    const text = '公示：3栋2单元1201张先生，电话13812345678，邮箱a@b.cn，身份证440301199001011234。';
    const found = findPersonalData(text);
    expect(found.map((f) => f.kind)).toEqual(['name_with_unit', 'phone', 'email', 'id_number']);
    for (const f of found) expect(text.slice(f.index, f.index + f.excerpt.length)).toBe(f.excerpt);
  });

  it('any mobile number written into a notice is found, at its place', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('停水通知：', '联系', '请致电', '3栋'),
        fc.stringMatching(/^1[3-9]\d{9}$/),
        fc.constantFrom('', '-', ' '),
        fc.constantFrom('。', '，谢谢', ''),
        (before, digits, sep, after) => {
          const phone = `${digits.slice(0, 3)}${sep}${digits.slice(3, 7)}${sep}${digits.slice(7)}`;
          const found = findPersonalData(`${before}${phone}${after}`);
          expect(found).toContainEqual({ kind: 'phone', excerpt: phone, index: before.length });
        },
      ),
    );
  });

  it('keeps about a hundred common surnames', () => {
    expect(COMMON_SURNAMES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(COMMON_SURNAMES).size).toBe(COMMON_SURNAMES.length);
  });
});
