import type { RouteResponse } from '@guanjia/api-contract';
import { Card, Tag, Timeline, Typography } from 'antd';
import { formatInstant } from '../shared/format';
import { CONTACT_KIND_LABELS, OWNER_GRADE_LABELS, RELATION_LABELS, label, useI18n } from '../shared/i18n';
import { kindText } from './visits/visit-text';

type Archive = RouteResponse<'GET /api/owners/:id/archive'>;
type Unit = Archive['owner']['formerUnits'][number];

/** 曾住房屋: the ties that ended (迁出/过户), with their dates — the history a move-out keeps. */
export function FormerUnits({ units }: { units: readonly Unit[] }) {
  const { t, lang } = useI18n();
  if (units.length === 0) return null;
  return (
    <Card title={t.formerUnits} size="small" style={{ marginTop: 16 }} data-testid="former-units">
      {units.map((u) => (
        <div key={u.unitId}>
          {u.projectName} {u.buildingName} {u.unitCode} · {label(RELATION_LABELS, u.relation, lang)} ·{' '}
          <Typography.Text type="secondary">{t.movedInOut.replace('{in}', u.moveInDate ?? '—').replace('{out}', u.movedOutOn ?? '—')}</Typography.Text>
        </div>
      ))}
    </Card>
  );
}

/** 回访: the visits due or done (the new-owner visit of each move-in, the monthly plan's 走访). */
export function OwnerVisits({ visits }: { visits: Archive['visits'] }) {
  const { t, lang } = useI18n();
  if (visits.length === 0) return null;
  const status = { due: t.visitStatusDue, done: t.visitStatusDone, cancelled: t.visitStatusCancelled };
  return (
    <Card title={t.visits} size="small" style={{ marginTop: 16 }} data-testid="owner-visits">
      {visits.map((v) => (
        <div key={v.id} data-visit={v.status}>
          {v.kind === 'new_owner' ? t.visitNewOwner : kindText(v.kind, lang)} · {v.unitLabel ?? '—'} · {t.visitDue.replace('{date}', v.dueOn)}{' '}
          <Tag color={v.status === 'due' ? 'blue' : undefined}>{status[v.status]}</Tag>
        </div>
      ))}
    </Card>
  );
}

/**
 * 档案记录: every change of the archive as the server recorded it (owner events): moves in and out,
 * edits with the fields they changed, contacts added, 主业主 handed on, grade requests.
 */
export function ArchiveHistory({ events }: { events: Archive['archiveEvents'] }) {
  const { t, lang } = useI18n();
  const fieldName: Record<string, string> = {
    name: t.ownerName,
    kind: t.relation,
    residency: t.residency,
    party: t.party,
    gender: t.gender,
    birthday: t.birthday,
    idNumber: t.idNumber,
    specialNeeds: t.needs,
    doNotDisturb: t.doNotDisturb,
    preferredChannel: t.preferredChannel,
    responsibleAgentId: t.responsibleAgent,
    householdMembers: t.householdMembers,
    notes: t.notes,
    portalLogin: t.portalLogin,
    portalPassword: t.portalPassword,
  };
  const describe = (e: Archive['archiveEvents'][number]): string => {
    const d = e.data as Record<string, unknown>;
    switch (e.type) {
      case 'moved_in':
        return `${t.eventMovedIn} · ${label(RELATION_LABELS, String(d.relation), lang)} · ${String(d.moveInDate)}`;
      case 'moved_out':
        return `${d.reason === 'transfer' ? t.eventTransferOut : t.eventMovedOut} · ${String(d.movedOutOn)}${d.note ? ` · ${String(d.note)}` : ''}`;
      case 'archive_updated':
        return `${t.eventArchiveUpdated} · ${Object.keys((d.changes as Record<string, unknown>) ?? {})
          .map((k) => fieldName[k] ?? k)
          .join('、')}`;
      case 'contact_added':
        return `${t.eventContactAdded} · ${label(CONTACT_KIND_LABELS, String(d.kind), lang)} ${String(d.value)}`;
      case 'primary_changed':
        return t.eventPrimaryChanged;
      case 'imported':
      case 'import_updated': {
        // a roster import (decision 0021): the rows it came from, the fields it changed, the units it tied
        const units = ((d.units as { label: string; relation: string }[]) ?? []).map((u) => `${u.label}（${label(RELATION_LABELS, u.relation, lang)}）`);
        const changed = Object.keys((d.changes as Record<string, unknown>) ?? {}).map((k) => fieldName[k] ?? k);
        const rows = ((d.rows as number[]) ?? []).join('、');
        return [e.type === 'imported' ? t.eventImported : t.eventImportUpdated, `${t.rowNumber} ${rows}`, ...changed, ...units].join(' · ');
      }
      default: {
        const grade = {
          grade_change_requested: t.eventGradeRequested,
          grade_change_approved: t.eventGradeApproved,
          grade_change_rejected: t.eventGradeRejected,
        }[e.type];
        return grade ? `${grade}${d.toGrade ? ` · ${label(OWNER_GRADE_LABELS, String(d.toGrade), lang)}` : ''}` : e.type;
      }
    }
  };
  return (
    <div data-testid="archive-history" style={{ marginBottom: 16 }}>
      <Typography.Text strong>{t.archiveHistory}</Typography.Text>
      <Timeline
        style={{ marginTop: 8 }}
        items={[...events].reverse().map((e) => ({
          children: (
            <span data-event={e.type}>
              <Typography.Text type="secondary">{formatInstant(e.at, 'Asia/Shanghai', lang)}</Typography.Text> {describe(e)}
            </span>
          ),
        }))}
      />
    </div>
  );
}
