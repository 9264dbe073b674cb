import type { RouteBody } from '@guanjia/api-contract';
import { Alert, Form, Radio, Select, Space } from 'antd';
import { ROLE_LABELS, label, rt, useI18n } from '../shared/i18n';
import { useStaff } from './queries';

type Accused = 'none' | 'staff' | 'office_management';
/** The intake form's values this part adds. */
export interface ComplaintPartyValues {
  accused?: Accused;
  accusedStaffId?: string;
  compensationClaim?: boolean;
}

/**
 * At intake of a complaint (SPEC §4): whom it is against — no one, a staff member of the project
 * (chosen by name), or the office's management — and whether it claims compensation, both stated.
 * Either sends the complaint to company leadership from the first instant; the note says so.
 */
export function ComplaintParty({ projectId }: { projectId: string | undefined }) {
  const { t, lang } = useI18n();
  const accused = Form.useWatch<Accused | undefined>('accused');
  const compensation = Form.useWatch<boolean | undefined>('compensationClaim');
  const staff = (useStaff(projectId, !!projectId && accused === 'staff').data ?? []).filter((s) => s.active);
  return (
    <div data-testid="complaint-party">
      <Space wrap size="large" align="start">
        <Form.Item name="accused" label={rt('accusedParty', lang)} rules={[{ required: true }]}>
          <Radio.Group
            data-field="accused"
            options={(['none', 'staff', 'office_management'] as const).map((v) => ({
              value: v,
              label: rt(v === 'none' ? 'accusedNone' : v === 'staff' ? 'accusedStaff' : 'accusedManagement', lang),
            }))}
          />
        </Form.Item>
        {accused === 'staff' && (
          <Form.Item name="accusedStaffId" label={rt('accusedStaffPick', lang)} rules={[{ required: true }]}>
            <Select
              style={{ width: 220 }}
              showSearch
              optionFilterProp="label"
              data-testid="accused-staff"
              options={staff.map((s) => ({ value: s.id, label: `${s.name}（${s.roles.map((r) => label(ROLE_LABELS, r, lang)).join('、')}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="compensationClaim" label={rt('compensationClaim', lang)} rules={[{ required: true }]}>
          <Radio.Group
            data-field="compensationClaim"
            options={[
              { value: true, label: t.yes },
              { value: false, label: t.no },
            ]}
          />
        </Form.Item>
      </Space>
      {((accused && accused !== 'none') || compensation) && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={rt('leadershipNote', lang)} data-testid="leadership-note" />
      )}
    </div>
  );
}

/** The part of the new case's body these answers make (complaints only). */
export function complaintPartyBody(values: ComplaintPartyValues): Partial<RouteBody<'POST /api/cases'>> {
  const body: Partial<RouteBody<'POST /api/cases'>> = { compensationClaim: values.compensationClaim === true };
  if (values.accused === 'staff' && values.accusedStaffId) body.accusedStaffId = values.accusedStaffId;
  if (values.accused === 'office_management') body.accusedParty = 'office_management';
  return body;
}
