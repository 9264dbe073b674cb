import { capabilitiesOf, type Capability, type StaffRole } from '../structure/roles.ts';
import type { AccountSetupStep } from './account-setup.ts';

/** Who is acting. Every use case takes one; there is no anonymous actor past authentication. */
export type Actor = StaffActor | OwnerActor;

export interface StaffActor {
  kind: 'staff';
  id: string;
  organizationId: string;
  name: string;
  roles: readonly StaffRole[];
  departmentId: string | null;
  /** Projects this staff member works in; ignored when companyWide. */
  projectIds: readonly string[];
  /** Company-level staff (quality department, leadership, admins) see every project of the organization. */
  companyWide: boolean;
  capabilities: ReadonlySet<Capability>;
  /** Steps this account must take before anything else (change the password, enrol a second factor). */
  setupPending?: readonly AccountSetupStep[];
  /** Whether sign-in asks this account for a second factor. */
  twoFactorEnabled?: boolean;
}

export interface OwnerActor {
  kind: 'owner';
  id: string;
  organizationId: string;
  name: string;
}

export function staffActor(input: Omit<StaffActor, 'kind' | 'capabilities'>): StaffActor {
  return { kind: 'staff', ...input, capabilities: capabilitiesOf(input.roles) };
}

export function can(actor: Actor, capability: Capability): boolean {
  return actor.kind === 'staff' && actor.capabilities.has(capability);
}
