/**
 * Mainland phone numbers as rosters write them: 13800138000, 138-0013-8000, +86 138 0013 8000,
 * 0086-13800138000, and landlines with their area code (0755-86001234, (020)87654321, 010 6552 9988).
 * Pure: the import reads a phone cell through it and refuses anything else.
 */

export type MainlandPhone = { kind: 'mobile' | 'landline'; digits: string };

/** The digits of a mainland mobile (1[3-9] + 9 digits) or landline (0 + area code, 10–12 digits with it); null when the text is neither. */
export function parseMainlandPhone(text: string): MainlandPhone | null {
  const cleaned = text.normalize('NFKC').trim();
  if (!/^[+\d\s\-()（）]+$/.test(cleaned)) return null;
  let digits = cleaned.replace(/[^\d+]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (digits.includes('+')) return null;
  if (/^1[3-9]\d{9}$/.test(digits)) return { kind: 'mobile', digits };
  // 区号 (010, 02x: 3 digits; others 4) and a 7–8 digit number
  if (/^0(?:10|2\d)\d{8}$/.test(digits) || /^0[3-9]\d{2}\d{7,8}$/.test(digits)) return { kind: 'landline', digits };
  return null;
}
