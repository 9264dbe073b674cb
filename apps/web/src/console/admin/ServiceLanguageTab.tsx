import { Alert, Button, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { adminKeys, useAdminWrite, useServiceLanguage } from './queries';

/** The company's barred phrases (服务忌语), one per line; company-wide administrators edit them, everyone else reads. */
export function ServiceLanguageTab({ admin }: { admin: boolean }) {
  const { t } = useI18n();
  const list = useServiceLanguage().data;
  const isDefault = list?.isDefault ?? true;
  const defaults = list?.defaultPhrases ?? [];
  // the text box is edited in place: the saved list, replaced when it (re)loads
  const [text, setText] = useState('');
  useEffect(() => setText(list?.phrases.join('\n') ?? ''), [list]);
  const [message, setMessage] = useState<{ type: 'error' | 'success'; text: string } | null>(null);
  const write = useAdminWrite(adminKeys.serviceLanguage);
  const save = async (phrases: string[]) => {
    try {
      const l = await write(() => api('PUT /api/service-language', { body: { phrases } }));
      setMessage({ type: 'success', text: `✓ ${l.phrases.length}` });
    } catch (e) {
      setMessage({ type: 'error', text: (e as ApiError).message });
    }
  };
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Text type="secondary">{t.phrasesOnePerLine}</Typography.Text>
      <Tag data-testid="phrase-list-source">{isDefault ? t.defaultList : t.ownList}</Tag>
      <Input.TextArea rows={14} value={text} onChange={(e) => setText(e.target.value)} readOnly={!admin} data-testid="phrase-list" />
      {admin && (
        <Space>
          <Button type="primary" onClick={() => void save(lines)} data-testid="phrase-list-save">
            {t.save}
          </Button>
          <Button onClick={() => void save(defaults)}>{t.restoreDefault}</Button>
        </Space>
      )}
      {message && <Alert type={message.type} showIcon message={message.text} data-testid="phrase-list-message" />}
    </Space>
  );
}
