import { Alert, Button, Card, Col, Descriptions, Input, Modal, Row, Space, Tag, Timeline, Typography } from 'antd';
import { ArchiveHistory, FormerUnits, OwnerVisits } from './ArchiveHistory';
import { MoveOutDialog } from './MoveOutDialog';
import { OwnerEditDialog } from './OwnerEditDialog';
import { useMemo, useState } from 'react';
import type { ApiError } from '../shared/api';
import { formatInstant } from '../shared/format';
import {
  CASE_TYPE_LABELS,
  CHANNEL_LABELS,
  CONTACT_KIND_LABELS,
  EVENT_LABELS,
  OWNER_GRADE_LABELS,
  RELATION_LABELS,
  STATUS_LABELS,
  label,
  useI18n,
} from '../shared/i18n';
import { staticCaseList } from './case-list';
import { CaseListCount, CaseTable } from './CaseTable';
import { OwnerGradePanel } from './GradeRequests';
import { useOwnerArchive, useRevealOwnerField, type OwnerArchiveCase } from './queries';

/** The owner archive (业主档案): units, contacts masked (a reveal asks why and is logged), grade, needs, the whole history. */
export function OwnerArchive({ id, canReveal, capabilities = [] }: { id: string; canReveal: boolean; capabilities?: readonly string[] }) {
  const { t, lang } = useI18n();
  const query = useOwnerArchive(id);
  const revealField = useRevealOwnerField(id);
  const archive = query.data;
  const cases = useMemo(() => staticCaseList(archive?.cases ?? []), [archive]);
  const [failure, setError] = useState<string | null>(null);
  const error = failure ?? (query.error as ApiError | null)?.message ?? null;
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<{ field: 'contact' | 'idNumber'; contactId?: string } | null>(null);
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState<string | null>(null);
  const canWrite = capabilities.includes('owner.write');
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!archive) return <Typography.Text>{t.loading}</Typography.Text>;
  const o = archive.owner;
  const reveal = async () => {
    if (!asking) return;
    try {
      const r = await revealField.mutateAsync({ ...asking, reason });
      setRevealed((v) => ({ ...v, [asking.contactId ?? 'idNumber']: r.value ?? '—' }));
      setAsking(null);
      setReason('');
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  const caseNumber = new Map(archive.cases.map((c) => [c.id, c.number]));
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card
          title={`${t.archive} · ${o.name}`}
          extra={
            <Space>
              <Tag color="gold">{label(OWNER_GRADE_LABELS, o.grade, lang)}</Tag>
              {canWrite && (
                <Button size="small" onClick={() => setEditing(true)} data-testid="edit-archive">
                  {t.editArchive}
                </Button>
              )}
            </Space>
          }
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="ID">
              {revealed.idNumber ?? o.idNumber ?? '—'}{' '}
              {canReveal && o.idNumber && !revealed.idNumber && (
                <Button size="small" onClick={() => setAsking({ field: 'idNumber' })}>
                  {t.reveal}
                </Button>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t.needs}>{o.specialNeeds ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t.channel}>{label(CHANNEL_LABELS, o.preferredChannel, lang)}</Descriptions.Item>
            <Descriptions.Item label={t.doNotDisturb}>{o.doNotDisturb.map((d) => `${d.from}–${d.to}`).join('，') || '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
        <OwnerGradePanel
          ownerId={id}
          grade={o.grade}
          canRequest={capabilities.includes('owner.write')}
          canApprove={capabilities.includes('owner.grade.approve')}
        />
        <Card title={t.contacts} size="small" style={{ marginTop: 16 }}>
          {o.contacts.map((c) => (
            <div key={c.id} data-contact={c.kind}>
              <Space>
                <Tag>{label(CONTACT_KIND_LABELS, c.kind, lang)}</Tag>
                <span>{revealed[c.id] ?? c.value}</span>
                {canReveal && !revealed[c.id] && (
                  <Button size="small" onClick={() => setAsking({ field: 'contact', contactId: c.id })}>
                    {t.reveal}
                  </Button>
                )}
              </Space>
            </div>
          ))}
        </Card>
        <Card title={t.units} size="small" style={{ marginTop: 16 }} data-testid="archive-units">
          {o.units.map((u) => (
            <div key={u.unitId} data-unit={u.unitId}>
              <Space wrap size={4}>
                <span>
                  {u.projectName} {u.buildingName} {u.unitCode} · {label(RELATION_LABELS, u.relation, lang)} {u.moveInDate ?? ''}
                </span>
                {u.isPrimary && <Tag color="green">{t.primary}</Tag>}
                {canWrite && (
                  <Button size="small" onClick={() => setMoving(u.unitId)} data-testid="move-out">
                    {t.moveOut}
                  </Button>
                )}
              </Space>
            </div>
          ))}
          {o.units.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
        </Card>
        <FormerUnits units={o.formerUnits} />
        <OwnerVisits visits={archive.visits} />
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t.history} size="small" extra={<CaseListCount list={cases} />}>
          {/* the archive's route returns a page of case summaries: the shared table renders only those on screen */}
          <CaseTable<OwnerArchiveCase>
            list={cases}
            height={360}
            testId="archive-cases"
            columns={[
              { title: t.number, dataIndex: 'number', width: 170 },
              { title: t.type, dataIndex: 'type', width: 64, render: (v: string) => label(CASE_TYPE_LABELS, v, lang) },
              { title: t.status, dataIndex: 'status', width: 104, render: (v: string) => label(STATUS_LABELS, v, lang) },
              { title: t.title, dataIndex: 'title', ellipsis: true },
              { title: t.createdAt, dataIndex: 'createdAt', width: 150, render: (v: string) => formatInstant(v, 'Asia/Shanghai', lang) },
            ]}
          />
          <ArchiveHistory events={archive.archiveEvents} />
          <Timeline
            style={{ marginTop: 16 }}
            items={archive.events
              .slice(-50)
              .reverse()
              .map((e) => ({
                children: (
                  <span>
                    <Typography.Text type="secondary">
                      {formatInstant(e.at, 'Asia/Shanghai', lang)} · {caseNumber.get(e.caseId)} · {label(EVENT_LABELS, e.type, lang)}
                    </Typography.Text>{' '}
                    {e.content}
                  </span>
                ),
              }))}
          />
        </Card>
      </Col>
      {editing && <OwnerEditDialog owner={o} projectId={o.units[0]?.projectId ?? o.formerUnits[0]?.projectId} onClose={() => setEditing(false)} />}
      {moving && o.units.some((u) => u.unitId === moving) && (
        <MoveOutDialog ownerId={id} unit={o.units.find((u) => u.unitId === moving)!} onClose={() => setMoving(null)} />
      )}
      <Modal open={!!asking} title={t.reveal} onCancel={() => setAsking(null)} onOk={() => void reveal()} okButtonProps={{ disabled: !reason.trim() }}>
        <Typography.Paragraph type="secondary">{t.revealHint}</Typography.Paragraph>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t.reason} data-testid="reveal-reason" />
      </Modal>
    </Row>
  );
}
