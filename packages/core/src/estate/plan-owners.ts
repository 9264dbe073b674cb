import { OWNER_GRADE_LABELS, type OwnerGrade } from '@guanjia/vocabulary';
import { formatUnitLabel, parseUnitAddress } from '../structure/unit-address.ts';
import {
  buildingFinder,
  buildingKey,
  comparable,
  partKey,
  projectFinder,
  unitFinder,
  unitKey,
  type EstateBuilding,
  type EstateProject,
  type EstateUnit,
  type FoundUnit,
} from './estate-keys.ts';
import { idNumberProblem, normalizeIdNumber } from './id-number.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';
import type { RowProblem } from './import-problems.ts';
import { countActions, type EstateSnapshot, type ImportCounts, type PlannedAction } from './plan-units.ts';
import { RowReader, type ImportRow } from './row-reader.ts';

/** An owner as the roster import compares them: the archive's fields, phones as digits, emails. */
export interface EstateOwner extends OwnerFields {
  id: string;
  phones: readonly string[];
  emails: readonly string[];
}

/** An owner's tie to a unit (产权人/使用人), 主业主 or not; ended ties (moved out) are not listed. */
export interface EstateLink {
  ownerId: string;
  unitId: string;
  relation: string;
  primary: boolean;
  moveInDate: string | null;
}

export interface RosterSnapshot extends EstateSnapshot {
  owners: readonly EstateOwner[];
  links: readonly EstateLink[];
}

/** The archive fields a roster row sets (a blank cell leaves the archive's value). */
export const ROSTER_OWNER_FIELDS = ['name', 'grade', 'gender', 'birthday', 'idNumber', 'specialNeeds', 'notes'] as const;
export interface OwnerFields {
  name: string;
  grade: string;
  gender: string | null;
  birthday: string | null;
  /** Decrypted and normalized (normalizeIdNumber) for the comparison. */
  idNumber: string | null;
  specialNeeds: string | null;
  notes: string | null;
}

export interface PlannedOwner extends OwnerFields {
  /** The archive's id; null: created by this import (rows naming the same new owner share `ref`). */
  ownerId: string | null;
  ref: string;
  /** Contacts to add (not on the archive yet): phones as digits, emails. */
  newPhones: string[];
  newEmails: string[];
}

export interface PlannedLink {
  unitId: string;
  unitLabel: string;
  relation: 'owner' | 'occupant';
  primary: boolean;
  moveInDate: string | null;
  /** The tie exists already, in the archive or from an earlier row (then only primary or the move-in date may change). */
  exists: boolean;
}

export interface OwnerRowPlan {
  rowNumber: number;
  action: PlannedAction;
  problems: RowProblem[];
  owner: PlannedOwner | null;
  link: PlannedLink | null;
  /** What an update changes: archive fields, contacts, the tie. */
  changed: string[];
}

export interface OwnersImportPlan {
  rows: OwnerRowPlan[];
  counts: ImportCounts;
  /** How many archives the import creates (a new owner on several rows counts once). */
  newOwners: number;
}

/** A row read and checked, before anyone is identified. */
interface ReadRow {
  rowNumber: number;
  reader: RowReader;
  unit: EstateUnit;
  label: string;
  given: { [K in keyof OwnerFields]: OwnerFields[K] | null };
  relation: 'owner' | 'occupant';
  primaryWord: string | null;
  phones: string[];
  email: string | null;
  moveInDate: string | null;
  /** Who the row names: its ID number, each phone with the name, the name on the unit. */
  keys: string[];
}

/**
 * The dry run of an owner-roster import (业主花名册): for each row, the archive it creates or
 * updates, the contacts it adds and the unit it ties the owner to, or every problem. Who a row names:
 * rows sharing an ID number, a phone with the same name (a family often shares one phone), or a name
 * on the same unit are one person; that person is the archive found by any of those, or a new one
 * (several archives found: the rows are refused as ambiguous). A row repeating a tie may fill in what
 * an earlier one left blank, not contradict it. One 主业主 per unit: a row saying 是 where the unit has
 * another is refused; when no row says, the unit's first 产权人 is it. `today` bounds birth dates in
 * ID numbers. Pure.
 */
export function planOwnersImport(rows: readonly ImportRow[], roster: RosterSnapshot, projectIds: readonly string[] | null, today: string): OwnersImportPlan {
  const findUnit = unitFinder(roster);
  const ownersById = new Map(roster.owners.map((o) => [o.id, o]));
  const linksOfUnit = new Map<string, EstateLink[]>();
  for (const l of roster.links) {
    const ties = linksOfUnit.get(l.unitId);
    if (ties) ties.push(l);
    else linksOfUnit.set(l.unitId, [l]);
  }
  // the archives by the same keys as rows
  const archiveByKey = new Map<string, Set<string>>();
  const index = (key: string, ownerId: string) => archiveByKey.set(key, (archiveByKey.get(key) ?? new Set()).add(ownerId));
  for (const o of roster.owners) {
    if (o.idNumber) index(`id:${o.idNumber}`, o.id);
    for (const p of o.phones) index(`phone:${p}|${comparable(o.name)}`, o.id);
  }
  for (const l of roster.links) {
    const o = ownersById.get(l.ownerId);
    if (o) index(`unit:${l.unitId}|${comparable(o.name)}`, o.id);
  }

  // 1. read every row
  const findProject = projectFinder(roster.projects);
  const findBuilding = buildingFinder(roster.buildings);
  const read = rows.map((row) => readOwnerRow(row, findProject, findBuilding, findUnit, projectIds, today));
  // 2. who: rows sharing a key are one person (union-find over the keys)
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  for (const r of read) {
    if (!('keys' in r)) continue;
    for (const k of r.keys) if (!parent.has(k)) parent.set(k, k);
    for (const k of r.keys.slice(1)) parent.set(find(k), find(r.keys[0]!));
  }
  const personOf = new Map<string, { ref: string; ownerId: string | null; ambiguous: string[]; idNumbers: Set<string> }>();
  for (const r of read) {
    if (!('keys' in r)) continue;
    const root = find(r.keys[0]!);
    let person = personOf.get(root);
    if (!person) {
      person = { ref: `new:${r.rowNumber}`, ownerId: null, ambiguous: [], idNumbers: new Set() };
      personOf.set(root, person);
    }
    if (r.given.idNumber) person.idNumbers.add(r.given.idNumber);
  }
  for (const r of read) {
    if (!('keys' in r)) continue;
    const person = personOf.get(find(r.keys[0]!))!;
    for (const k of r.keys)
      for (const id of archiveByKey.get(k) ?? []) {
        if (person.ownerId === null) person.ownerId = id;
        else if (person.ownerId !== id && !person.ambiguous.includes(id)) person.ambiguous.push(id);
      }
  }
  for (const person of personOf.values()) if (person.ownerId) person.ref = `owner:${person.ownerId}`;

  // 3. each row in order: the archive's changes, the contacts, the tie
  const newOwners = new Map<string, PlannedOwner>();
  const fieldsWritten = new Map<string, { row: number; fields: Partial<OwnerFields> }>();
  const primaryOf = new Map<string, { ref: string; shown: string }>();
  const tiesPlanned = new Map<string, { link: PlannedLink; row: number; moveInDate: string | null; primaryWord: string | null }>();
  const plans = read.map((r): OwnerRowPlan => {
    if (!('keys' in r)) return r;
    const refuse = (column: string | null, code: RowProblem['code'], params?: RowProblem['params']): OwnerRowPlan => {
      r.reader.problem(column, code, params);
      return { rowNumber: r.rowNumber, action: 'error', problems: r.reader.problems, owner: null, link: null, changed: [] };
    };
    const person = personOf.get(find(r.keys[0]!))!;
    if (person.ambiguous.length) {
      const names = [person.ownerId!, ...person.ambiguous].map((id) => ownersById.get(id)?.name ?? '').join('、');
      return refuse(null, 'ambiguous_owner', { who: names });
    }
    if (person.idNumbers.size > 1) return refuse('idNumber', 'conflicting_id_numbers');
    // the same person's rows may fill in fields, not contradict each other
    const written = definedOf(r.given);
    const earlier = fieldsWritten.get(person.ref);
    if (earlier) {
      const clash = ROSTER_OWNER_FIELDS.find(
        (f) => f !== 'name' && written[f] !== undefined && earlier.fields[f] !== undefined && written[f] !== earlier.fields[f],
      );
      if (clash) return refuse(clash, 'conflicting_row', { row: earlier.row });
    }
    fieldsWritten.set(person.ref, { row: earlier?.row ?? r.rowNumber, fields: { ...earlier?.fields, ...written } });

    const current = person.ownerId ? ownersById.get(person.ownerId)! : undefined;
    // 客户分级 changes only through an approved request (grade-requests): an archive's grade is not overwritten by a sheet
    if (current && written.grade !== undefined && written.grade !== current.grade)
      return refuse('grade', 'grade_needs_approval', { who: current.name, from: OWNER_GRADE_LABELS[current.grade as OwnerGrade]?.[0] ?? current.grade });
    const changed: string[] = [];
    let owner: PlannedOwner;
    const isNew = !current && !newOwners.has(person.ref);
    if (current) {
      owner = { ...fieldsOf(current), ...written, ownerId: current.id, ref: person.ref, newPhones: [], newEmails: [] };
      // the same name written with other spaces or widths is no change
      if (comparable(owner.name) === comparable(current.name)) owner.name = current.name;
      for (const f of ROSTER_OWNER_FIELDS) if (owner[f] !== current[f]) changed.push(f);
    } else {
      const base = newOwners.get(person.ref);
      owner = base
        ? { ...base, ...written, name: base.name, newPhones: [], newEmails: [] }
        : {
            name: r.given.name!,
            grade: 'normal',
            gender: null,
            birthday: null,
            idNumber: null,
            specialNeeds: null,
            notes: null,
            ...written,
            ownerId: null,
            ref: person.ref,
            newPhones: [],
            newEmails: [],
          };
      if (base) for (const f of ROSTER_OWNER_FIELDS) if (f !== 'name' && owner[f] !== base[f]) changed.push(f);
    }
    const known = new Set([...(current?.phones ?? []), ...(newOwners.get(person.ref)?.newPhones ?? [])]);
    const knownEmails = new Set([...(current?.emails ?? []), ...(newOwners.get(person.ref)?.newEmails ?? [])]);
    owner.newPhones = r.phones.filter((p) => !known.has(p));
    owner.newEmails = r.email && !knownEmails.has(r.email) ? [r.email] : [];
    if (owner.newPhones.length || owner.newEmails.length) changed.push('contacts');

    // the tie: as the archive has it, or as an earlier row planned it
    const tieKey = `${person.ref}|${r.unit.id}`;
    const planned = tiesPlanned.get(tieKey);
    const dbTie = current ? (linksOfUnit.get(r.unit.id) ?? []).find((l) => l.ownerId === current.id) : undefined;
    const before = planned?.link ?? dbTie;
    const contradicts = (mine: unknown, theirs: unknown) => mine !== null && theirs !== null && mine !== theirs;
    if (planned && (contradicts(r.moveInDate, planned.moveInDate) || contradicts(r.primaryWord, planned.primaryWord)))
      return refuse(null, 'conflicting_row', { row: planned.row });
    // one 主业主 per unit: another owner's, from an earlier row or the archive (shown by row number or name)
    const filePrimary = primaryOf.get(r.unit.id);
    const otherPrimary =
      (filePrimary && filePrimary.ref !== person.ref ? filePrimary : undefined) ??
      (filePrimary
        ? undefined
        : (linksOfUnit.get(r.unit.id) ?? [])
            .filter((l) => l.primary && l.ownerId !== current?.id)
            .map((l) => ({ ref: `owner:${l.ownerId}`, shown: ownersById.get(l.ownerId)?.name ?? '' }))[0]);
    const wantsPrimary = r.primaryWord === 'yes' || (r.primaryWord === null && (before?.primary ?? (r.relation === 'owner' && !otherPrimary)));
    if (wantsPrimary && otherPrimary) return refuse('primary', 'two_primary_owners', { label: r.label, who: otherPrimary.shown });
    if (wantsPrimary) primaryOf.set(r.unit.id, { ref: person.ref, shown: `第 ${r.rowNumber} 行` });
    else if (filePrimary?.ref === person.ref) primaryOf.delete(r.unit.id);
    const link: PlannedLink = {
      unitId: r.unit.id,
      unitLabel: r.label,
      relation: before ? (before.relation as 'owner' | 'occupant') : r.relation,
      primary: wantsPrimary,
      moveInDate: r.moveInDate ?? before?.moveInDate ?? null,
      exists: !!before,
    };
    if (!before || before.primary !== link.primary || before.moveInDate !== link.moveInDate) changed.push('unit');
    tiesPlanned.set(tieKey, {
      link,
      row: r.rowNumber,
      moveInDate: r.moveInDate ?? planned?.moveInDate ?? null,
      primaryWord: r.primaryWord ?? planned?.primaryWord ?? null,
    });
    if (!current) {
      const base = newOwners.get(person.ref);
      newOwners.set(person.ref, {
        ...owner,
        newPhones: [...(base?.newPhones ?? []), ...owner.newPhones],
        newEmails: [...(base?.newEmails ?? []), ...owner.newEmails],
      });
    }
    return { rowNumber: r.rowNumber, action: isNew ? 'create' : changed.length ? 'update' : 'skip', problems: [], owner, link, changed: isNew ? [] : changed };
  });
  return { rows: plans, counts: countActions(plans), newOwners: plans.filter((p) => p.action === 'create').length };
}

/** Reads and checks one row; a refused row comes back as its plan (action error). */
function readOwnerRow(
  row: ImportRow,
  findProject: (text: string) => EstateProject | undefined,
  findBuilding: (projectId: string, key: string) => EstateBuilding | undefined,
  findUnit: (key: string) => FoundUnit | undefined,
  projectIds: readonly string[] | null,
  today: string,
): ReadRow | OwnerRowPlan {
  const r = new RowReader(row, IMPORT_COLUMNS.owners);
  const refuse = (): OwnerRowPlan => ({ rowNumber: row.rowNumber, action: 'error', problems: r.problems, owner: null, link: null, changed: [] });
  const projectText = r.text('project', { required: true });
  const name = r.text('name', { required: true, maxLength: 100 });
  const relation = (r.closed('relation') ?? 'owner') as 'owner' | 'occupant';
  const primaryWord = r.closed('primary');
  const phones = [r.phone('phone'), r.phone('phone2')].filter((p): p is string => p !== null);
  const idText = r.digits('idNumber');
  const idNumber = idText === null ? null : normalizeIdNumber(idText);
  const idProblem = idNumber === null ? null : idNumberProblem(idNumber, today);
  if (idProblem) r.problem('idNumber', `id_number_${idProblem}`, { value: idText! });
  const gender = r.closed('gender');
  const birthday = r.date('birthday');
  const moveInDate = r.date('moveInDate');
  const grade = r.closed('grade');
  const email = r.email('email');
  const specialNeeds = r.text('specialNeeds', { maxLength: 2000 });
  const notes = r.text('notes', { maxLength: 2000 });
  const project = projectText === null ? undefined : findProject(projectText);
  if (projectText !== null && !project) r.problem('project', 'unknown_project', { value: projectText });
  if (project && projectIds && !projectIds.includes(project.id)) r.problem('project', 'not_in_your_projects', { value: projectText! });
  const address = unitAddressOf(r);
  if (r.problems.length || !project || !address || name === null) return refuse();
  const building = findBuilding(project.id, buildingKey(address.building));
  if (!building) {
    r.problem(r.has('unitLabel') ? 'unitLabel' : 'building', 'unknown_building', {
      project: project.name,
      value: /^\d+$/.test(address.building) ? `${address.building}栋` : address.building,
    });
    return refuse();
  }
  const found = findUnit(unitKey(project.id, buildingKey(building.name), address.entrance, address.room));
  if (!found) {
    const label = formatUnitLabel({ buildingName: address.building, entrance: address.entrance, code: address.room });
    r.problem(r.has('unitLabel') ? 'unitLabel' : 'room', 'unit_not_found', { label: `${project.name} ${label}` });
    return refuse();
  }
  const keys = [...(idNumber ? [`id:${idNumber}`] : []), ...phones.map((p) => `phone:${p}|${comparable(name)}`), `unit:${found.unit.id}|${comparable(name)}`];
  return {
    rowNumber: row.rowNumber,
    reader: r,
    unit: found.unit,
    label: found.label,
    given: { name, grade, gender, birthday, idNumber, specialNeeds, notes },
    relation,
    primaryWord,
    phones,
    email,
    moveInDate,
    keys,
  };
}

/** The row's unit: the label column (1栋2单元301) or building, entrance and room; problems recorded. */
function unitAddressOf(r: RowReader): { building: string; entrance: string | null; room: string } | null {
  const labelText = r.text('unitLabel', { maxLength: 60 });
  const building = r.text('building', { maxLength: 40 });
  const entrance = r.text('entrance', { maxLength: 8 });
  const room = r.text('room', { maxLength: 32 });
  if (labelText !== null) {
    const parsed = parseUnitAddress(labelText);
    if (!parsed || parsed.building === null) {
      r.problem('unitLabel', 'unit_label_unparsed', { value: labelText });
      return null;
    }
    const agrees =
      (building === null || buildingKey(building) === buildingKey(parsed.building)) &&
      (entrance === null || partKey(entrance) === partKey(parsed.entrance)) &&
      (room === null || partKey(room) === partKey(parsed.room));
    if (!agrees) {
      r.problem('unitLabel', 'unit_label_conflict');
      return null;
    }
    return { building: parsed.building, entrance: parsed.entrance, room: parsed.room };
  }
  if (building === null) r.problem('building', 'required');
  if (room === null) r.problem('room', 'required');
  return building !== null && room !== null ? { building, entrance, room } : null;
}

/** An archive's fields as a roster row sets them. */
function fieldsOf(o: EstateOwner): OwnerFields {
  return { name: o.name, grade: o.grade, gender: o.gender, birthday: o.birthday, idNumber: o.idNumber, specialNeeds: o.specialNeeds, notes: o.notes };
}

/** The fields a row writes (blank cells left out). */
function definedOf(given: { [K in keyof OwnerFields]: OwnerFields[K] | null }): Partial<OwnerFields> {
  const out: Partial<OwnerFields> = {};
  for (const f of ROSTER_OWNER_FIELDS) if (given[f] !== null) (out as Record<string, unknown>)[f] = given[f];
  return out;
}
