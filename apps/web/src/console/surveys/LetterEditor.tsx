import { TEXT_LIMITS } from '@guanjia/vocabulary';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { OpenLetter } from './letter-queries';
import { lt } from './letter-text';
import { useSurveyWrite } from './survey-queries';

interface Values {
  title: string;
  body: string;
  promises: { id?: string; text: string; dueOn?: Dayjs | null }[];
}

/**
 * The letter's editor (a draft, or a letter the representative returned): its title, its text — filled
 * from the survey's statistics when it was started — and its promises, each with an optional date it
 * is done by. 保存 keeps it; 提交 saves and sends it to the management representative. A refusal of
 * the server shows next to the field it names (a promise's text or date on its row).
 */
export function LetterEditor({ letter }: { letter: OpenLetter }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const write = useSurveyWrite();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [promisesError, setPromisesError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);

  /** The server's field (title, body, promises.2.dueOn, promises) onto the form. */
  const place = (e: ApiError) => {
    const path = (e.field ?? '').split('.');
    const [head, index, leaf] = path;
    if (head === 'title' || head === 'body') form.setFields([{ name: head, errors: [e.message] }]);
    else if (head === 'promises' && index !== undefined && /^\d+$/.test(index) && (leaf === 'text' || leaf === 'dueOn'))
      form.setFields([{ name: ['promises', Number(index), leaf], errors: [e.message] }]);
    else if (head === 'promises') setPromisesError(e.message);
    else setError(e.message);
  };

  const run = async (mode: 'save' | 'submit') => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(mode);
    setError(null);
    setPromisesError(null);
    try {
      const body = {
        title: values.title,
        body: values.body,
        promises: (values.promises ?? []).map((p) => ({ ...(p.id ? { id: p.id } : {}), text: p.text, dueOn: p.dueOn ? p.dueOn.format('YYYY-MM-DD') : null })),
      };
      await write(async () => {
        await api('PUT /api/open-letters/:id', { params: { id: letter.id }, body });
        if (mode === 'submit') await api('POST /api/open-letters/:id/submit', { params: { id: letter.id } });
      });
      void message.success(lt(mode === 'submit' ? 'submitted' : 'saved', lang));
    } catch (e) {
      place(e as ApiError);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="letter-editor"
      initialValues={{
        title: letter.title,
        body: letter.body,
        promises: letter.promises.map((p) => ({ id: p.id, text: p.text, dueOn: p.dueOn ? dayjs(p.dueOn) : null })),
      }}
    >
      <Form.Item name="title" label={lt('letterTitle', lang)} rules={[{ required: true, whitespace: true, message: lt('needText', lang) }]}>
        <Input maxLength={TEXT_LIMITS.short} data-testid="letter-title" />
      </Form.Item>
      <Form.Item name="body" label={lt('letterBody', lang)} rules={[{ required: true, whitespace: true, message: lt('needText', lang) }]}>
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} data-testid="letter-body-input" />
      </Form.Item>
      <Form.Item label={lt('promises', lang)} required>
        <Form.List name="promises">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="letter-promise-list">
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap style={{ width: '100%' }} data-testid="letter-promise-row">
                  <span style={{ lineHeight: '32px' }}>{i + 1}.</span>
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'text']}
                    style={{ marginBottom: 8, minWidth: 360 }}
                    rules={[{ required: true, whitespace: true, message: lt('needText', lang) }]}
                  >
                    <Input placeholder={lt('promiseText', lang)} maxLength={TEXT_LIMITS.short} data-testid="letter-promise-text" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueOn']} style={{ marginBottom: 8 }}>
                    <DatePicker placeholder={lt('dueOn', lang)} data-testid="letter-promise-due" />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)} data-testid="letter-promise-remove">
                    {lt('remove', lang)}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ text: '', dueOn: null })} data-testid="letter-promise-add">
                {lt('addPromise', lang)}
              </Button>
              {promisesError && (
                <div data-testid="letter-promises-error">
                  <Form.ErrorList errors={[promisesError]} />
                </div>
              )}
            </Space>
          )}
        </Form.List>
      </Form.Item>
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
      <Space>
        <Button onClick={() => void run('save')} loading={busy === 'save'} disabled={!!busy} data-testid="letter-save">
          {lt('save', lang)}
        </Button>
        <Button type="primary" onClick={() => void run('submit')} loading={busy === 'submit'} disabled={!!busy} data-testid="letter-submit">
          {lt('submit', lang)}
        </Button>
      </Space>
    </Form>
  );
}
