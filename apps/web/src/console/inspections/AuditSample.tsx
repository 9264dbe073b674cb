import { Descriptions, Table, Typography } from 'antd';
import { formatShort } from '../../shared/format';
import { CASE_TYPE_LABELS, CHANNEL_LABELS, STATUS_LABELS, label, useI18n } from '../../shared/i18n';
import { navigate } from '../router';
import { it } from './inspection-text';
import type { AuditSampleData } from './night-audit-queries';

type SampledCase = AuditSampleData['cases'][number];
type SampledOwner = NonNullable<AuditSampleData['archive']>['owners'][number];

/** A rate of 0..1 as a percentage with one decimal (一 when nothing was counted). */
export const ratePercent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/**
 * A communication audit's drawn sample (沟通工作检查, issue 15 item 1): the period's figures kept when the
 * audit began — cases received, complaint timeliness (met / breached / rate), satisfaction (satisfied /
 * asked / rate) — and the sampled cases, each number opening the case. Used by 沟通工作检查 and by a
 * check's page (the `sample` of GET /api/inspections/:id).
 */
export function AuditSample({ sample, timeZone = 'Asia/Shanghai' }: { sample: AuditSampleData; timeZone?: string }) {
  const { lang } = useI18n();
  const f = sample.figures;
  return (
    <div data-testid="audit-sample">
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={it('period', lang)}>
          <span data-testid="audit-period">
            {sample.from} – {sample.to}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={it('casesReceived', lang)}>
          <span data-testid="audit-received">{f.casesReceived}</span>
        </Descriptions.Item>
        <Descriptions.Item label={it('sampleDrawn', lang)}>
          <span data-testid="audit-drawn">{it('sampleDrawnValue', lang, { n: sample.cases.length, requested: sample.requested })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={it('complaintTimeliness', lang)}>
          <span data-testid="audit-timeliness">
            {it('timelyLine', lang, { met: f.complaintClocks.met, breached: f.complaintClocks.breached, rate: ratePercent(f.complaintClocks.rate) })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={it('satisfactionRate', lang)}>
          <span data-testid="audit-satisfaction">
            {it('satisfiedLine', lang, { satisfied: f.satisfaction.satisfied, asked: f.satisfaction.asked, rate: ratePercent(f.satisfaction.rate) })}
          </span>
        </Descriptions.Item>
        {f.languageOverrides && (
          <Descriptions.Item label={it('languageOverrides', lang)}>
            <span data-testid="audit-overrides">{it('overridesLine', lang, { count: f.languageOverrides.count, staff: f.languageOverrides.staff })}</span>
          </Descriptions.Item>
        )}
        {sample.archive && (
          <Descriptions.Item label={it('archiveSample', lang)}>
            <span data-testid="audit-archive-drawn">
              {it('archiveDrawnValue', lang, { n: sample.archive.owners.length, population: sample.archive.population, requested: sample.archive.requested })}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table<SampledCase>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={sample.cases}
        locale={{ emptyText: it('noSample', lang) }}
        onRow={(c) => ({ 'data-case': c.number }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: it('caseNumber', lang),
            render: (_, c) => (
              <a
                href={`/cases/${encodeURIComponent(c.id)}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/cases/${encodeURIComponent(c.id)}`);
                }}
                data-testid="audit-case"
              >
                {c.number}
              </a>
            ),
          },
          { title: it('caseType', lang), render: (_, c) => label(CASE_TYPE_LABELS, c.type, lang) },
          { title: it('channel', lang), render: (_, c) => label(CHANNEL_LABELS, c.channel, lang) },
          { title: it('status', lang), render: (_, c) => label(STATUS_LABELS, c.status, lang) },
          { title: it('received', lang), render: (_, c) => formatShort(c.createdAt, timeZone, lang) },
        ]}
      />
      {sample.archive && <ArchiveSample owners={sample.archive.owners} timeZone={timeZone} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {it('seedLine', lang, { seed: sample.seed })}
      </Typography.Paragraph>
    </div>
  );
}

/** The archive's spot check: the drawn owners (names masked), each opening the owner's archive. */
function ArchiveSample({ owners, timeZone }: { owners: SampledOwner[]; timeZone: string }) {
  const { lang } = useI18n();
  return (
    <Table<SampledOwner>
      rowKey="id"
      size="small"
      pagination={false}
      style={{ marginTop: 12 }}
      scroll={{ x: 'max-content' }}
      dataSource={owners}
      title={() => it('archiveSample', lang)}
      locale={{ emptyText: it('noArchive', lang) }}
      data-testid="audit-archive"
      columns={[
        {
          title: it('ownerName', lang),
          render: (_, o) => (
            <a
              href={`/owners/${encodeURIComponent(o.id)}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/owners/${encodeURIComponent(o.id)}`);
              }}
              data-testid="audit-owner"
            >
              {o.name}
            </a>
          ),
        },
        { title: it('recordUpdated', lang), render: (_, o) => formatShort(o.updatedAt, timeZone, lang) },
      ]}
    />
  );
}
