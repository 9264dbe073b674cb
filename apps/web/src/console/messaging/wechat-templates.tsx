import type { MessageKind } from '@guanjia/vocabulary';
import { Button, Col, Collapse, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { label, useI18n } from '../../shared/i18n';
import { MESSAGE_KIND_LABELS, TEMPLATE_VARIABLE_LABELS } from '../../shared/i18n-messaging';
import { useMessageTemplates } from './queries';

/**
 * WeChat's template of each message kind (消息设置 › 渠道 › 微信公众号) as a form instead of JSON: per
 * kind the template id (模板ID) and its data keys, each filled from one of the kind's variables (the
 * variables GET /api/message-templates lists). 推荐字段 fills a kind's keys with the recommended table of
 * docs/api.md (“WeChat template messages”); the server checks the keys (no first/remark, a known type).
 * The form's value is `templates: { [kind]: { templateId, fields: [{ key, from }] } }`, as the config is.
 */

export interface WechatTemplateValue {
  templateId?: string;
  fields?: { key?: string; from?: string }[];
}

/** The kinds an owner receives (WeChat reaches owners; staff get WeCom, SMS or email), and the channel test. */
export const WECHAT_KINDS: readonly MessageKind[] = [
  'case_received',
  'case_accepted',
  'technician_on_the_way',
  'work_done',
  'case_closed',
  'rating_replied',
  'notice',
  'notice_emergency',
  'survey_invitation',
  'visit_appointment',
  'channel_test',
];

/** The recommended data keys of each kind (docs/api.md): key ← variable. */
export const RECOMMENDED_WECHAT_FIELDS: Partial<Record<MessageKind, { key: string; from: string }[]>> = {
  case_received: [
    { key: 'character_string1', from: 'caseNumber' },
    { key: 'thing2', from: 'caseType' },
    { key: 'thing3', from: 'summary' },
    { key: 'thing4', from: 'unitLabel' },
  ],
  case_accepted: [
    { key: 'character_string1', from: 'caseNumber' },
    { key: 'thing2', from: 'summary' },
    { key: 'time3', from: 'committedAt' },
  ],
  technician_on_the_way: [
    { key: 'character_string1', from: 'caseNumber' },
    { key: 'name2', from: 'technicianName' },
    { key: 'phone_number3', from: 'technicianPhone' },
    { key: 'thing4', from: 'unitLabel' },
  ],
  work_done: [
    { key: 'character_string1', from: 'caseNumber' },
    { key: 'thing2', from: 'summary' },
    { key: 'thing3', from: 'unitLabel' },
  ],
  case_closed: [
    { key: 'character_string1', from: 'caseNumber' },
    { key: 'thing2', from: 'caseType' },
    { key: 'thing3', from: 'summary' },
  ],
  rating_replied: [
    { key: 'character_string1', from: 'caseNumber' },
    { key: 'thing2', from: 'reply' },
  ],
  notice: [
    { key: 'thing1', from: 'title' },
    { key: 'thing2', from: 'area' },
    { key: 'time3', from: 'startsAt' },
    { key: 'time4', from: 'endsAt' },
  ],
  notice_emergency: [
    { key: 'thing1', from: 'title' },
    { key: 'thing2', from: 'area' },
    { key: 'time3', from: 'startsAt' },
  ],
  survey_invitation: [
    { key: 'thing1', from: 'title' },
    { key: 'thing2', from: 'projectName' },
    { key: 'character_string3', from: 'code' },
    { key: 'time4', from: 'endsOn' },
  ],
  visit_appointment: [
    { key: 'thing1', from: 'projectName' },
    { key: 'thing2', from: 'unitLabel' },
    { key: 'date3', from: 'visitDate' },
    { key: 'time4', from: 'visitTime' },
    { key: 'thing5', from: 'visitors' },
  ],
  channel_test: [
    { key: 'thing1', from: 'organizationName' },
    { key: 'thing2', from: 'channel' },
    { key: 'time3', from: 'sentAt' },
  ],
};

/** The stored templates as the form holds them (every kind of WECHAT_KINDS present). */
export function wechatTemplatesToForm(stored: unknown): Record<string, WechatTemplateValue> {
  const all = (stored && typeof stored === 'object' ? stored : {}) as Record<string, WechatTemplateValue>;
  const out: Record<string, WechatTemplateValue> = { ...all };
  for (const kind of WECHAT_KINDS) out[kind] = { templateId: all[kind]?.templateId ?? '', fields: all[kind]?.fields?.map((f) => ({ ...f })) ?? [] };
  return out;
}

/** The form's templates as the config takes them: kinds without a template id left out, empty rows dropped. */
export function wechatTemplatesToConfig(form: unknown): Record<string, { templateId: string; fields: { key: string; from: string }[] }> {
  const all = (form && typeof form === 'object' ? form : {}) as Record<string, WechatTemplateValue>;
  const out: Record<string, { templateId: string; fields: { key: string; from: string }[] }> = {};
  for (const [kind, t] of Object.entries(all)) {
    const templateId = (t?.templateId ?? '').trim();
    if (!templateId) continue;
    out[kind] = {
      templateId,
      fields: (t.fields ?? []).map((f) => ({ key: (f?.key ?? '').trim(), from: f?.from ?? '' })).filter((f) => f.key || f.from),
    };
  }
  return out;
}

export function WechatTemplatesForm() {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const templates = Form.useWatch('templates', form) as Record<string, WechatTemplateValue> | undefined;
  const variables = new Map((useMessageTemplates().data ?? []).map((v) => [v.kind, v.variables]));
  return (
    <div data-testid="wechat-templates">
      <div style={{ marginBottom: 4 }}>{t.msgWechatTemplates}</div>
      <Typography.Paragraph type="secondary">{t.msgWechatTemplatesHint}</Typography.Paragraph>
      <Collapse
        size="small"
        items={WECHAT_KINDS.map((kind) => {
          const id = templates?.[kind]?.templateId?.trim();
          return {
            key: kind,
            forceRender: true,
            label: (
              <Space wrap data-wechat-kind={kind}>
                <span>{label(MESSAGE_KIND_LABELS, kind, lang)}</span>
                {id ? <Tag color="green">{id}</Tag> : <Tag>{t.msgWechatNoTemplate}</Tag>}
              </Space>
            ),
            children: (
              <div data-wechat-template={kind}>
                <Form.Item name={['templates', kind, 'templateId']} label={t.msgWechatTemplateId}>
                  <Input placeholder="Ab1Cd2…" autoComplete="off" data-testid={`wechat-template-id-${kind}`} />
                </Form.Item>
                <Form.List name={['templates', kind, 'fields']}>
                  {(rows, { add, remove }) => (
                    <>
                      {rows.map((row) => (
                        <Row gutter={8} key={row.key} align="top" data-wechat-field={row.name}>
                          <Col xs={10} md={8}>
                            <Form.Item name={[row.name, 'key']} rules={[{ required: true, message: t.msgWechatKeyRequired }]}>
                              <Input placeholder="thing1" aria-label={t.msgWechatKey} spellCheck={false} />
                            </Form.Item>
                          </Col>
                          <Col xs={10} md={12}>
                            <Form.Item name={[row.name, 'from']} rules={[{ required: true, message: t.msgWechatFromRequired }]}>
                              <Select
                                aria-label={t.msgWechatFrom}
                                placeholder={t.msgWechatFrom}
                                options={(variables.get(kind) ?? []).map((v) => ({ value: v, label: label(TEMPLATE_VARIABLE_LABELS, v, lang) }))}
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={4} md={4}>
                            <Button onClick={() => remove(row.name)}>{t.msgWechatRemove}</Button>
                          </Col>
                        </Row>
                      ))}
                      <Space wrap>
                        <Button size="small" onClick={() => add({ key: '', from: undefined })}>
                          {t.msgWechatAddField}
                        </Button>
                        <Button
                          size="small"
                          onClick={() =>
                            form.setFieldValue(
                              ['templates', kind, 'fields'],
                              (RECOMMENDED_WECHAT_FIELDS[kind] ?? []).map((f) => ({ ...f })),
                            )
                          }
                          data-testid={`wechat-recommended-${kind}`}
                        >
                          {t.msgWechatRecommended}
                        </Button>
                      </Space>
                    </>
                  )}
                </Form.List>
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
