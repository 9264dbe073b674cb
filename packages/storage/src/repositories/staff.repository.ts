import type { StaffRole } from '@guanjia/core';
import type { Insertable, Kysely, Updateable } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import type { Schema } from '../schema.ts';

type Db = Kysely<Schema>;

export interface StaffRecord {
  id: string;
  organizationId: string;
  username: string;
  name: string;
  phone: string | null;
  email: string | null;
  passwordHash: string;
  roles: StaffRole[];
  departmentId: string | null;
  companyWide: boolean;
  active: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  projectIds: string[];
  /** Set by an administrator's reset: the next session may only change the password. */
  mustChangePassword: boolean;
  /** Second factor (TOTP, RFC 6238): the secret in use and one being enrolled, both encrypted with the field key. */
  totpSecret: string | null;
  totpPendingSecret: string | null;
  /** The last accepted time step: a code is never accepted twice. */
  totpLastStep: number | null;
  /** SHA-256 of the unused one-time recovery codes. */
  recoveryCodes: string[];
}

/** The account-security fields a new member starts without. */
export type NewStaffRecord = Omit<StaffRecord, 'mustChangePassword' | 'totpSecret' | 'totpPendingSecret' | 'totpLastStep' | 'recoveryCodes'> &
  Partial<StaffRecord>;

const STAFF_SHAPE: RowShape = { booleans: ['companyWide', 'active', 'mustChangePassword'], json: ['roles', 'recoveryCodes'] };

export async function insertStaff(db: Db, s: NewStaffRecord): Promise<void> {
  const { projectIds, ...row } = s;
  await db
    .insertInto('staff')
    .values(
      encodeRow(
        { mustChangePassword: false, totpSecret: null, totpPendingSecret: null, totpLastStep: null, recoveryCodes: [], ...row },
        STAFF_SHAPE,
      ) as Insertable<Schema['staff']>,
    )
    .execute();
  await setStaffProjects(db, s.id, s.organizationId, projectIds);
}

export async function updateStaff(db: Db, id: string, patch: Partial<Omit<StaffRecord, 'projectIds'>>): Promise<void> {
  await db
    .updateTable('staff')
    .set(encodeRow(patch, STAFF_SHAPE) as Updateable<Schema['staff']>)
    .where('id', '=', id)
    .execute();
}

export async function setStaffProjects(db: Db, staffId: string, organizationId: string, projectIds: readonly string[]): Promise<void> {
  await db.deleteFrom('staffProjects').where('staffId', '=', staffId).execute();
  if (projectIds.length)
    await db
      .insertInto('staffProjects')
      .values(projectIds.map((projectId) => ({ staffId, projectId, organizationId })))
      .execute();
}

async function withProjects(db: Db, rows: Record<string, unknown>[]): Promise<StaffRecord[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('staffProjects')
    .selectAll()
    .where(
      'staffId',
      'in',
      rows.map((r) => r.id as string),
    )
    .execute();
  return rows.map((r) => ({
    ...decodeRow<Omit<StaffRecord, 'projectIds'>>(r, STAFF_SHAPE),
    projectIds: links
      .filter((l) => l.staffId === r.id)
      .map((l) => l.projectId)
      .sort(),
  }));
}

export async function findStaff(db: Db, id: string): Promise<StaffRecord | null> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withProjects(db, [row]))[0]! : null;
}

export async function findStaffByUsername(db: Db, username: string): Promise<StaffRecord | null> {
  const row = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? (await withProjects(db, [row]))[0]! : null;
}

/** Staff of the organization; with projectIds, only those working in one of them or company-wide. */
export async function listStaff(db: Db, organizationId: string, projectIds: readonly string[] | null): Promise<StaffRecord[]> {
  let q = db.selectFrom('staff').selectAll().where('organizationId', '=', organizationId);
  if (projectIds) {
    q = q.where((eb) =>
      eb.or([
        eb('companyWide', '=', 1),
        ...(projectIds.length
          ? [
              eb(
                'id',
                'in',
                eb
                  .selectFrom('staffProjects')
                  .select('staffId')
                  .where('projectId', 'in', projectIds as string[]),
              ),
            ]
          : []),
      ]),
    );
  }
  return withProjects(db, await q.orderBy('username').execute());
}
