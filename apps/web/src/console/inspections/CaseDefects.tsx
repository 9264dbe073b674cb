import { Card, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../shared/i18n';
import { navigate } from '../router';
import { defectStatusText, it, specialtyText } from './inspection-text';
import { INSPECTION_READERS } from './menu';
import { useDefects } from './queries';

/**
 * On a case's page, the defect (不合格项) it was opened from (issue 15 item 3: a defect that concerns owners
 * opens a case, linked both ways), each opening the defect's drawer — for those who read inspections;
 * nothing when the case came from elsewhere.
 */
export function CaseDefects({ caseId, capabilities }: { caseId: string; capabilities: readonly string[] }) {
  const { lang } = useI18n();
  const reader = INSPECTION_READERS.some((c) => capabilities.includes(c));
  const { data } = useDefects({ caseId }, reader);
  const items = data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card title={it('caseDefects', lang)} size="small" style={{ marginTop: 16 }} data-testid="case-defects">
      {items.map((d) => (
        <Space key={d.id} wrap>
          <a
            href={`/defects?id=${encodeURIComponent(d.id)}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/defects?id=${encodeURIComponent(d.id)}`);
            }}
            data-testid="case-defect"
          >
            {d.description}
          </a>
          <Tag>{specialtyText(d.specialty, lang)}</Tag>
          <Typography.Text type="secondary">{defectStatusText(d.status, lang)}</Typography.Text>
        </Space>
      ))}
    </Card>
  );
}
