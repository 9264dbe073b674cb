/**
 * 居民身份证号码 (GB 11643-1999): 18 characters — a 6-digit region code, the birth date (YYYYMMDD), a
 * 3-digit sequence and a check character computed from the first 17 (ISO 7064 MOD 11-2: X stands for
 * 10). Pure: the import's dry run and the archive's forms refuse a number whose check fails.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** Why an ID number is refused; null when it is a well-formed 居民身份证号码. */
export type IdNumberProblem = 'format' | 'birth_date' | 'checksum';

/** The check character of the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** Spaces removed, a lower-case x made upper case, full-width digits read as ASCII. */
export function normalizeIdNumber(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * What is wrong with an 18-character 居民身份证号码 (after normalizeIdNumber), or null. `today`
 * (YYYY-MM-DD) bounds the birth date: no one is born after it, nor before 1900.
 */
export function idNumberProblem(id: string, today: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  const iso = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || iso > today) return 'birth_date';
  if (idNumberCheckCharacter(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}
