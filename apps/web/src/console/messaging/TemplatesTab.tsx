import { LOCALES, MESSAGE_KINDS, type Locale, type MessageKind } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Menu, Row, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { label, useI18n, type dictionary } from '../../shared/i18n';
import { MESSAGE_KIND_LABELS, TEMPLATE_VARIABLE_LABELS } from '../../shared/i18n-messaging';
import { messagingKeys, useMessageTemplates, type MessageTemplate } from './queries';

type Dictionary = ReturnType<typeof dictionary>;

/**
 * 模板: the message kinds on the left; for the chosen one, its zh-CN and English wording side by side
 * in tabs, with the kind's variables as chips that insert `{{name}}` where the cursor was, a live
 * preview with sample values (the server renders it: an unknown variable is refused there, naming
 * the field), and 保存.
 */
export function TemplatesTab() {
  const { t, lang } = useI18n();
  const templates = useMessageTemplates();
  const [kind, setKind] = useState<MessageKind>('case_received');
  const all = templates.data ?? [];
  const of = (k: MessageKind, locale: Locale) => all.find((x) => x.kind === k && x.locale === locale);
  if (templates.error) return <Alert type="error" showIcon message={(templates.error as ApiError).message} />;
  return (
    <Row gutter={16}>
      <Col xs={24} md={7} lg={6}>
        <Typography.Text type="secondary">{t.msgKind}</Typography.Text>
        <Menu
          mode="inline"
          selectedKeys={[kind]}
          onClick={(e) => setKind(e.key as MessageKind)}
          data-testid="template-kinds"
          items={MESSAGE_KINDS.map((k) => ({
            key: k,
            label: (
              <span data-template-kind={k}>
                {label(MESSAGE_KIND_LABELS, k, lang)}
                {LOCALES.some((l) => of(k, l)?.custom) && (
                  <Tag color="green" style={{ marginInlineStart: 6 }}>
                    {t.msgCustom}
                  </Tag>
                )}
              </span>
            ),
          }))}
        />
      </Col>
      <Col xs={24} md={17} lg={18}>
        {all.length > 0 && (
          <Tabs
            items={LOCALES.map((locale) => {
              const template = of(kind, locale);
              return {
                key: locale,
                label: locale === 'en' ? t.msgEnglish : t.msgChinese,
                children: template && <TemplateEditor key={`${kind}-${locale}`} template={template} />,
              };
            })}
          />
        )}
      </Col>
    </Row>
  );
}

/** A value that follows `value` once it has stayed still for `ms` (the preview waits for typing to pause). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

type Field = 'title' | 'body';

/**
 * The preview's refusal in words: an unknown variable named with its field (the server's message
 * lists the offered variables by their code names; the chips show them in words).
 */
function refusalText(refusal: ApiError, field: Field | null, draft: Record<Field, string>, offered: string[], t: Dictionary): string {
  if (!field) return refusal.message;
  const unknown = [...draft[field].matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1]!.trim()).find((v) => !offered.includes(v));
  if (!unknown) return refusal.message;
  return t.msgVariableUnknown.replace('{field}', field === 'title' ? t.msgTitle : t.msgBody).replace('{variable}', `{{${unknown}}}`);
}

function TemplateEditor({ template }: { template: MessageTemplate }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const { kind, locale } = template;
  const [draft, setDraft] = useState({ title: template.title, body: template.body });
  // where a chip inserts its variable: the field last edited and the cursor in it
  const [cursor, setCursor] = useState<{ field: Field; at: number }>({ field: 'body', at: template.body.length });
  const [saving, setSaving] = useState(false);
  const settled = useSettled(draft, 300);
  const preview = useQuery({
    queryKey: [...messagingKeys.templates, 'preview', kind, locale, settled.title, settled.body],
    queryFn: () => api('POST /api/message-templates/:kind/:locale/preview', { params: { kind, locale }, body: settled }),
    retry: false,
    staleTime: Infinity,
  });
  const refusal = preview.error as ApiError | null;
  const refusedField = refusal?.code === 'TEMPLATE_VARIABLE_UNKNOWN' ? (refusal.field as Field | null) : null;

  const edit = (field: Field, value: string, at: number | null) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setCursor({ field, at: at ?? value.length });
  };
  const insert = (variable: string) => {
    const placeholder = `{{${variable}}}`;
    const current = draft[cursor.field];
    const at = Math.min(cursor.at, current.length);
    edit(cursor.field, current.slice(0, at) + placeholder + current.slice(at), at + placeholder.length);
  };
  const track = (field: Field) => (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
    setCursor({ field, at: e.currentTarget.selectionStart ?? 0 });
  const save = async () => {
    setSaving(true);
    try {
      await api('PUT /api/message-templates/:kind/:locale', { params: { kind, locale }, body: draft });
      void message.success(t.msgTemplateSaved);
      void client.invalidateQueries({ queryKey: messagingKeys.templates, exact: true });
    } catch (e) {
      void message.error((e as ApiError).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Row gutter={16} data-testid={`template-editor-${locale}`}>
      <Col xs={24} lg={13}>
        <Form layout="vertical">
          <Form.Item label={t.msgTitle} validateStatus={refusedField === 'title' ? 'error' : undefined}>
            <Input
              value={draft.title}
              maxLength={100}
              onChange={(e) => edit('title', e.target.value, e.target.selectionStart)}
              onSelect={track('title')}
              onFocus={track('title')}
              data-testid="template-title"
            />
          </Form.Item>
          <Form.Item label={t.msgBody} validateStatus={refusedField === 'body' ? 'error' : undefined}>
            <Input.TextArea
              value={draft.body}
              rows={5}
              maxLength={1000}
              showCount
              onChange={(e) => edit('body', e.target.value, e.target.selectionStart)}
              onSelect={track('body')}
              onFocus={track('body')}
              data-testid="template-body"
            />
          </Form.Item>
          <Form.Item label={t.msgVariables}>
            <Space wrap size={[4, 4]} data-testid="template-variables">
              {template.variables.map((v) => (
                <Tag
                  key={v}
                  color="blue"
                  style={{ cursor: 'pointer' }}
                  onMouseDown={(e) => e.preventDefault()} // keep the cursor where it was
                  onClick={() => insert(v)}
                  data-variable={v}
                >
                  {label(TEMPLATE_VARIABLE_LABELS, v, lang)}
                </Tag>
              ))}
            </Space>
          </Form.Item>
          <Space>
            <Button type="primary" loading={saving} disabled={!!refusal} onClick={() => void save()} data-testid="template-save">
              {t.save}
            </Button>
            <Tag color={template.custom ? 'green' : 'default'}>{template.custom ? t.msgCustom : t.msgDefault}</Tag>
          </Space>
        </Form>
      </Col>
      <Col xs={24} lg={11}>
        <Card size="small" title={t.msgPreview} data-testid="template-preview" loading={preview.isLoading}>
          {refusal ? (
            <Alert type="error" showIcon message={refusalText(refusal, refusedField, draft, template.variables, t)} data-testid="template-preview-error" />
          ) : (
            preview.data && (
              <>
                <Typography.Paragraph strong data-testid="preview-title">
                  {preview.data.title}
                </Typography.Paragraph>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-body">
                  {preview.data.body}
                </Typography.Paragraph>
              </>
            )
          )}
        </Card>
      </Col>
    </Row>
  );
}
