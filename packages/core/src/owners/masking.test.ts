import { describe, expect, it } from 'vitest';
import { maskEmail, maskIdNumber, maskName, maskPhone } from './masking.ts';

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138 1234 1234')).toBe('138****1234');
  });

  it('hides the four middle digits of an 11-digit number', () => {
    expect(maskPhone('02112345678')).toBe('021****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('13812345678')).not.toContain('1234');
    expect(maskPhone('13812345678').replace(/\*/g, '')).toHaveLength(7);
  });

  it('masks short numbers completely', () => {
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('123456')).toBe('******');
    expect(maskPhone('')).toBe('');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('110101199003071234')).toBe('1101**********1234');
    expect(maskIdNumber('11010119900307123X')).toBe('1101**********123X');
    expect(maskIdNumber('110101199003071234')).toHaveLength(18);
  });

  it('hides the birth date', () => {
    expect(maskIdNumber('110101199003071234')).not.toContain('19900307');
  });

  it('masks IDs of 8 characters or fewer completely', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('A1234')).toBe('*****');
    expect(maskIdNumber('123456789')).toBe('1234*6789');
  });
});

describe('maskName', () => {
  it('keeps the family name of a Chinese name and stars the rest', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳修')).toBe('欧**');
    expect(maskName('张')).toBe('张*');
    expect(maskName(' 李四 ')).toBe('李*');
  });

  it('keeps only the first letter of a Latin name', () => {
    expect(maskName('John Smith')).toBe('J***');
    expect(maskName('')).toBe('');
  });
});

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('not-an-email')).toBe('n***');
  });
});

describe('maskPhone always hides at least four digits', () => {
  it.each(['1234567', '87654321', '0755123456', '13812341234', '+8613812341234'])('%s', (phone) => {
    const masked = maskPhone(phone);
    expect([...masked].filter((c) => c === '*').length).toBeGreaterThanOrEqual(4);
  });
});
