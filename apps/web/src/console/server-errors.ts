import type { FormInstance } from 'antd';
import type { ApiError } from '../shared/api';

/**
 * Puts the server's refusal next to the field it names (code, localized message, field); returns
 * the message when no field of this form matches, for the form's general alert.
 */
export function showServerError(form: FormInstance, error: ApiError, fields: readonly string[]): string | null {
  const name = (error.field ?? '').replace(/^command\./, '').split('.')[0] ?? '';
  if (name && fields.includes(name)) {
    form.setFields([{ name, errors: [error.message] }]);
    return null;
  }
  return error.message;
}
