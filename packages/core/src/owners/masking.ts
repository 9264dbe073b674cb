/** Masking of personal data on every list, search and export (SPEC §2, §13). */
/** Phones: 138****1234 for mobiles; landlines (8–10 digits) only their last 4; shorter ones nothing. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  const shown = digits.length >= 8 ? 4 : 0;
  return `${'*'.repeat(digits.length - shown)}${digits.slice(digits.length - shown)}`;
}

/** ID numbers: first 4 and last 4 characters only. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Names: the family name and one star (张*); two-part Latin names keep the first letter. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (/^[\u4e00-\u9fff]/.test(chars[0]!)) return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
  return `${chars[0]}***`;
}

export function maskEmail(email: string): string {
  const [user, domain] = email.split('@');
  if (!domain) return maskName(email);
  return `${(user ?? '').slice(0, 1)}***@${domain}`;
}
