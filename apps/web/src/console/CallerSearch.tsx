import { Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { OWNER_GRADE_LABELS, label, useI18n } from '../shared/i18n';
import { searchCallers, type CallerHits } from './desk-queries';

export type OwnerHit = CallerHits['owners'][number];
export type UnitHit = CallerHits['units'][number];
/** What intake picked: an owner (with their units), or only a unit the address named (a caller with no archive). */
export type CallerChoice = { owner: OwnerHit | null; unit: UnitHit | null };

/** A phone number as the contract takes it (api-contract desk.ts PhoneNumberSchema). */
export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{3,22}[0-9]$/;

/** The caller search as you type, debounced; a late answer to an older text is dropped. */
function useCallerSearch(projectId: string | undefined) {
  const [hits, setHits] = useState<CallerHits | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef('');
  const search = (text: string) => {
    const q = text.trim();
    latest.current = q;
    if (timer.current) clearTimeout(timer.current);
    if (q.length < 2) return setHits(null);
    timer.current = setTimeout(() => {
      void searchCallers(q, projectId).then(
        (r) => latest.current === q && setHits(r),
        () => latest.current === q && setHits(null),
      );
    }, 250);
  };
  return { hits, search };
}

const unitsText = (o: OwnerHit) => o.units.map((u) => u.label).join('、');
/**
 * A choice's value in the select: its visible text, never an id (the select's hidden accessible list
 * reads values aloud). Equal texts get a number so that each stays distinct.
 */
const ownerKey = (o: OwnerHit, i: number) => `${o.name} ${unitsText(o)} ${o.phoneMasked ?? ''} #${i + 1}`;
const unitKey = (u: UnitHit, i: number) => `${u.label} #${i + 1}`;

/** An owner as a choice shows: name (masked per role), units, grade, masked phone — never an id. */
function OwnerOption({ o }: { o: OwnerHit }) {
  const { lang } = useI18n();
  return (
    <Space size={4} wrap data-owner-option={o.name}>
      <strong>{o.name}</strong>
      <span>{unitsText(o) || '—'}</span>
      {o.grade !== 'normal' && <Tag color="gold">{label(OWNER_GRADE_LABELS, o.grade, lang)}</Tag>}
      {o.phoneMasked && <Typography.Text type="secondary">{o.phoneMasked}</Typography.Text>}
    </Space>
  );
}

/**
 * Intake's caller search (issue 10, item 6): a phone (full or last 4 digits), a name, or a unit written
 * 1栋101 / 1-1-101 / 1单元101. Owners show name and unit; units the address names can be chosen alone
 * (the caller is not registered). `onText` gets what was typed, so a number typed but not chosen is
 * kept by the form (recorded as an unregistered caller), never dropped.
 */
export function CallerSearch(props: {
  projectId: string | undefined;
  choice: CallerChoice;
  onChoice: (c: CallerChoice) => void;
  onText: (text: string) => void;
}) {
  const { t } = useI18n();
  const { hits, search } = useCallerSearch(props.projectId);
  const owners = hits?.owners ?? [];
  const units = hits?.units ?? [];
  const [value, setValue] = useState<string | undefined>(undefined);
  const ownerKeys = new Map(owners.map((o, i) => [ownerKey(o, i), o]));
  const unitKeys = new Map(units.map((u, i) => [unitKey(u, i), u]));
  // the chosen entry stays labelled after the hits change (the select shows labels)
  const chosen =
    value && props.choice.owner
      ? [{ value, label: <OwnerOption o={props.choice.owner} /> }]
      : value && props.choice.unit
        ? [{ value, label: `${props.choice.unit.label} · ${t.unitOnly}` }]
        : [];
  const options = [
    ...(owners.length ? [{ label: t.ownersFound, options: [...ownerKeys].map(([k, o]) => ({ value: k, label: <OwnerOption o={o} /> })) }] : []),
    ...(units.length ? [{ label: t.unitsFound, options: [...unitKeys].map(([k, u]) => ({ value: k, label: `${u.label} · ${t.unitOnly}` })) }] : []),
  ];
  const known = new Set([...ownerKeys.keys(), ...unitKeys.keys()]);
  return (
    <div data-testid="caller-search">
      <Select
        showSearch
        allowClear
        autoFocus
        style={{ width: '100%' }}
        placeholder={t.callerSearch}
        filterOption={false}
        value={props.choice.owner || props.choice.unit ? value : undefined}
        notFoundContent={null}
        onSearch={(text) => {
          props.onText(text);
          search(text);
        }}
        onChange={(v: string | undefined) => {
          setValue(v);
          if (!v) return props.onChoice({ owner: null, unit: null });
          const owner = ownerKeys.get(v);
          if (owner) return props.onChoice({ owner, unit: null });
          const unit = unitKeys.get(v);
          if (unit) props.onChoice({ owner: null, unit });
        }}
        options={[...options, ...chosen.filter((c) => !known.has(c.value))]}
      />
      {(hits?.unlinkedCases.length ?? 0) > 0 && (
        <Typography.Text type="warning" data-testid="unlinked-cases">
          {t.unlinkedCases}：{hits!.unlinkedCases.map((c) => `${c.number}${c.callerName ? `（${c.callerName}）` : ''}`).join('、')}
        </Typography.Text>
      )}
    </div>
  );
}

/** The owner picker of link_owner: the same search, owners only, each shown by name and unit (its value is the id, never shown). */
export function OwnerPicker({ projectId, value, onChange }: { projectId: string; value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useI18n();
  const { hits, search } = useCallerSearch(projectId);
  const [picked, setPicked] = useState<{ key: string; owner: OwnerHit } | null>(null);
  const ownerKeys = new Map((hits?.owners ?? []).map((o, i) => [ownerKey(o, i), o]));
  const options = [...ownerKeys].map(([k, o]) => ({ value: k, label: <OwnerOption o={o} /> }));
  if (picked && !ownerKeys.has(picked.key)) options.push({ value: picked.key, label: <OwnerOption o={picked.owner} /> });
  return (
    <Select
      showSearch
      allowClear
      data-testid="owner-picker"
      placeholder={t.callerSearch}
      filterOption={false}
      notFoundContent={null}
      value={picked && picked.owner.ownerId === value ? picked.key : undefined}
      onSearch={search}
      onChange={(v: string | undefined) => {
        const owner = v ? ownerKeys.get(v) : undefined;
        setPicked(owner && v ? { key: v, owner } : null);
        onChange?.(owner?.ownerId);
      }}
      options={options}
    />
  );
}
