import { DomainError, type Capability, type ImportKind, type StaffActor } from '@guanjia/core';

/** Who may import each kind: the same capability as typing it in (deny by default). */
const IMPORT_CAPABILITY: Record<ImportKind, Capability> = {
  units: 'structure.admin',
  owners: 'owner.write',
  staff: 'staff.admin',
};

export function requireImportCapability(actor: StaffActor, kind: ImportKind): void {
  if (!actor.capabilities.has(IMPORT_CAPABILITY[kind])) throw new DomainError('FORBIDDEN');
}
