import { ROSTER_OWNER_FIELDS, type OwnerFields, type OwnersImportPlan, type PlannedLink } from './plan-owners.ts';

/** What applying a roster does to one person (业主): the archive created or changed, contacts added, ties written. */
export interface PersonWrite {
  /** The plan's person: `owner:<id>` for an archive that exists, `new:<row>` for one this import creates. */
  ref: string;
  /** The archive's id; null: a new archive. */
  ownerId: string | null;
  /** The archive's fields after the import (all rows of the person applied in order). */
  fields: OwnerFields;
  /** The archive fields an existing archive changes (empty for a new one). */
  changedFields: (typeof ROSTER_OWNER_FIELDS)[number][];
  newPhones: string[];
  newEmails: string[];
  /** The ties this import creates or changes, one per unit, as the person's last row on it leaves it. */
  ties: PlannedLink[];
  /** The sheet rows this person's writes come from. */
  rowNumbers: number[];
}

/**
 * The writes of a roster's plan, one per person, in the order of their first row: rows left as they
 * are (skip) and refused rows (error) write nothing. Pure; the dry run and the apply both read the
 * plan, so the apply does what the dry run reported.
 */
export function rosterWritesOf(plan: OwnersImportPlan): PersonWrite[] {
  const byRef = new Map<string, PersonWrite & { tieByUnit: Map<string, PlannedLink> }>();
  for (const row of plan.rows) {
    if ((row.action !== 'create' && row.action !== 'update') || !row.owner) continue;
    const o = row.owner;
    let person = byRef.get(o.ref);
    if (!person) {
      person = {
        ref: o.ref,
        ownerId: o.ownerId,
        fields: pickFields(o),
        changedFields: [],
        newPhones: [],
        newEmails: [],
        ties: [],
        rowNumbers: [],
        tieByUnit: new Map(),
      };
      byRef.set(o.ref, person);
    } else if (o.ownerId === null) {
      person.fields = pickFields(o); // a new owner's plan carries every row's fields so far
    }
    if (o.ownerId !== null)
      for (const f of ROSTER_OWNER_FIELDS)
        if (row.changed.includes(f)) {
          (person.fields as unknown as Record<string, unknown>)[f] = o[f];
          if (!person.changedFields.includes(f)) person.changedFields.push(f);
        }
    for (const p of o.newPhones) if (!person.newPhones.includes(p)) person.newPhones.push(p);
    for (const e of o.newEmails) if (!person.newEmails.includes(e)) person.newEmails.push(e);
    if (row.link && (row.action === 'create' || row.changed.includes('unit'))) person.tieByUnit.set(row.link.unitId, row.link);
    person.rowNumbers.push(row.rowNumber);
  }
  return [...byRef.values()].map(({ tieByUnit, ...person }) => ({ ...person, ties: [...tieByUnit.values()] }));
}

function pickFields(o: OwnerFields): OwnerFields {
  return { name: o.name, grade: o.grade, gender: o.gender, birthday: o.birthday, idNumber: o.idNumber, specialNeeds: o.specialNeeds, notes: o.notes };
}
