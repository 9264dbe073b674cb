import { describe, expect, it } from 'vitest';
import { parseMainlandPhone } from './mainland-phone.ts';

describe('mainland phone numbers as rosters write them', () => {
  it.each([
    ['13800138000', 'mobile', '13800138000'],
    ['138-0013-8000', 'mobile', '13800138000'],
    ['+86 138 0013 8000', 'mobile', '13800138000'],
    ['0086-13800138000', 'mobile', '13800138000'],
    ['8613800138000', 'mobile', '13800138000'],
    ['１３８００１３８０００', 'mobile', '13800138000'],
    ['0755-86001234', 'landline', '075586001234'],
    ['(020)87654321', 'landline', '02087654321'],
    ['010 6552 9988', 'landline', '01065529988'],
    ['0571-8765432', 'landline', '05718765432'],
  ])('%s is a %s', (text, kind, digits) => {
    expect(parseMainlandPhone(text)).toEqual({ kind, digits });
  });

  it.each(['12800138000', '1380013800', '138001380001', '86001234', '+1 415 555 0100', '138 0013 800a', '', '---', '13800138000+'])('%s is refused', (text) => {
    expect(parseMainlandPhone(text)).toBeNull();
  });
});
