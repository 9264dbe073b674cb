import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n, type Lang } from '../../shared/i18n';
import { outageKindText } from './notice-text';
import { noticeKeys, useCaseOutages, useProjectOutages, useUnitOutages, type Outage } from './queries';

/**
 * A case's outages (停水停电, issue 13 item 7) on its page: the outages it is linked to, each with its
 * area, period, cause and what to tell callers; and, for whoever takes cases (`case.intake`), the
 * outages in effect for its building (those covering its unit; the whole project's active ones for a
 * case without a unit) not linked yet, to link it to one — a case registered before the outage was,
 * or a caller's second call. Nothing shows when there is neither.
 */
export function CaseOutages(props: { caseId: string; projectId: string; unitId: string | null; timeZone: string; canLink: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const linked = useCaseOutages(props.caseId).data ?? [];
  const ofUnit = useUnitOutages(props.canLink && props.unitId ? props.unitId : undefined).data;
  const ofProject = useProjectOutages(props.canLink && !props.unitId ? props.projectId : '', true).data;
  const linkedIds = new Set(linked.map((l) => l.outage.id));
  const candidates = (props.unitId ? ofUnit : ofProject)?.filter((o) => !linkedIds.has(o.id)) ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const outageId = chosen && candidates.some((o) => o.id === chosen) ? chosen : (candidates[0]?.id ?? null);
  if (!linked.length && !candidates.length) return null;

  const link = async () => {
    if (!outageId) return;
    setBusy(true);
    try {
      const links = await api('POST /api/cases/:id/outage-links', { params: { id: props.caseId }, body: { outageId } });
      client.setQueryData(noticeKeys.caseOutages(props.caseId), links);
      void client.invalidateQueries({ queryKey: noticeKeys.outages }); // the register counts the case
      setChosen(null);
      message.success(t.outgCaseLinked);
    } catch (e) {
      message.error((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t.outgCaseTitle} size="small" style={{ marginTop: 16 }} data-testid="case-outages">
      {linked.map((l) => (
        <div key={l.outage.id} data-linked-outage={l.outage.id} style={{ marginBottom: 12 }}>
          <OutageLines o={l.outage} tz={props.timeZone} lang={lang} />
          <Typography.Text type="secondary">{t.outgCaseLinkedAt.replace('{at}', formatInstant(l.linkedAt, props.timeZone, lang))}</Typography.Text>
        </div>
      ))}
      {candidates.length > 0 && (
        <div data-testid="case-outage-candidates">
          <Typography.Text strong>{t.outgCaseChoose}</Typography.Text>
          {candidates.length === 1 ? (
            <div style={{ margin: '4px 0 8px' }}>
              <OutageLines o={candidates[0]!} tz={props.timeZone} lang={lang} />
            </div>
          ) : (
            <Select
              style={{ width: '100%', margin: '4px 0 8px' }}
              value={outageId}
              onChange={setChosen}
              options={candidates.map((o) => ({ value: o.id, label: `${outageKindText(o.kind, lang)} · ${area(o, t.outgWholeProject)} · ${o.cause}` }))}
              data-testid="case-outage-choose"
            />
          )}
          <Button type="primary" size="small" loading={busy} onClick={link} data-testid="case-outage-link">
            {t.outgCaseLink}
          </Button>
        </div>
      )}
    </Card>
  );
}

const area = (o: Outage, whole: string) => (o.buildingNames.length ? o.buildingNames.join('、') : whole);

/** An outage in lines: kind and state, area, period; its cause; what to tell callers. */
function OutageLines({ o, tz, lang }: { o: Outage; tz: string; lang: Lang }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={0} style={{ width: '100%' }} data-outage={o.id}>
      <Space wrap size={4}>
        <Tag color={o.active ? 'red' : 'default'}>{outageKindText(o.kind, lang)}</Tag>
        <span>{area(o, t.outgWholeProject)}</span>
        <Typography.Text type="secondary">
          {formatInstant(o.startsAt, tz, lang)} – {o.endsAt ? formatInstant(o.endsAt, tz, lang) : t.outgUntilClosed}
        </Typography.Text>
        {!o.active && <Tag>{o.closedAt ? t.outgClosedTag : t.outgEnded}</Tag>}
      </Space>
      <span>
        {t.outgCause}：{o.cause}
      </span>
      <span data-testid="case-outage-script">
        {t.outgScript}：{o.callerScript}
      </span>
    </Space>
  );
}
