import type { RouteBody } from '@guanjia/api-contract';
import { useMutation } from '@tanstack/react-query';
import { api } from '../shared/api';

/**
 * The account's writes as mutations: one's password, two-step verification set up, enabled, disabled.
 * No cached query depends on them: the signed-in user (GET /api/auth/me) is the app's state, which
 * the account page reloads after a change.
 */
export function useChangePassword() {
  return useMutation({ mutationFn: (body: RouteBody<'POST /api/auth/password'>) => api('POST /api/auth/password', { body }) });
}
export function useTwoFactorSetup() {
  return useMutation({ mutationFn: () => api('POST /api/auth/two-factor/setup') });
}
export function useEnableTwoFactor() {
  return useMutation({ mutationFn: (code: string) => api('POST /api/auth/two-factor/enable', { body: { code } }) });
}
export function useDisableTwoFactor() {
  return useMutation({ mutationFn: (password: string) => api('POST /api/auth/two-factor/disable', { body: { password } }) });
}
