import { Form, Input, Select } from 'antd';
import { useI18n } from '../../shared/i18n';
import { useStaff } from '../queries';
import { it } from './inspection-text';

/**
 * Who is inspected (被检查): a staff member of the project, or a post or team in words (北门岗). Two
 * fields of the surrounding antd Form, `inspectedStaffId` and `inspectedName`; the server says when a
 * check that the inspected must sign has neither (on inspectedName).
 */
export function InspectedFields({ projectId }: { projectId: string }) {
  const { lang } = useI18n();
  const staff = useStaff(projectId || undefined, !!projectId).data ?? [];
  return (
    <>
      <Form.Item name="inspectedStaffId" label={it('inspectedStaff', lang)}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          data-testid="inspected-staff"
          options={staff.filter((s) => s.active !== false).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="inspectedName" label={it('inspectedWords', lang)}>
        <Input maxLength={100} placeholder={it('inspectedHint', lang)} data-testid="inspected-name" />
      </Form.Item>
    </>
  );
}
