import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capabilitiesOf, STAFF_ROLES } from '../structure/roles.ts';
import { pendingSetupSteps, twoFactorRequired } from './account-setup.ts';

describe('pending account steps', () => {
  it('a reset asks for a new password first; an administrator of a real company without a second factor must enrol', () => {
    const admin = capabilitiesOf(['admin']);
    const agent = capabilitiesOf(['agent']);
    expect(pendingSetupSteps({ mustChangePassword: true, twoFactorEnabled: false, capabilities: admin, demoOrganization: false })).toEqual([
      'change_password',
      'enrol_two_factor',
    ]);
    expect(pendingSetupSteps({ mustChangePassword: false, twoFactorEnabled: true, capabilities: admin, demoOrganization: false })).toEqual([]);
    expect(pendingSetupSteps({ mustChangePassword: false, twoFactorEnabled: false, capabilities: admin, demoOrganization: true })).toEqual([]);
    expect(pendingSetupSteps({ mustChangePassword: false, twoFactorEnabled: false, capabilities: agent, demoOrganization: false })).toEqual([]);
  });

  it('for any roles: two-step verification is required exactly of those who administer staff, outside the demo', () => {
    fc.assert(
      fc.property(fc.subarray([...STAFF_ROLES]), fc.boolean(), fc.boolean(), fc.boolean(), (roles, demo, enrolled, reset) => {
        const capabilities = capabilitiesOf(roles);
        const required = twoFactorRequired({ capabilities, demoOrganization: demo });
        expect(required).toBe(capabilities.has('staff.admin') && !demo);
        const steps = pendingSetupSteps({ mustChangePassword: reset, twoFactorEnabled: enrolled, capabilities, demoOrganization: demo });
        expect(steps.includes('change_password')).toBe(reset);
        expect(steps.includes('enrol_two_factor')).toBe(required && !enrolled);
      }),
    );
  });
});
