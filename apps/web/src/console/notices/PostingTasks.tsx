import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Checkbox, Empty, Input, List, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError, upload } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { useProjects } from '../queries';
import { EmergencyTag, postingTaskText } from './notice-text';
import { noticeKeys, useMyPostings, type NoticePosting } from './queries';

/**
 * 张贴任务 (issue 13 item 5), the area steward's (物业管家) paper notices: my open tasks, soonest first —
 * 张贴 (post), 巡查 (patrol every few days), 补贴 (post again after damage), 撤除 (take down at expiry) —,
 * each done with a photo of the board (required to post or post again; uploaded like any attachment)
 * and a note; a patrol can report the notice damaged or gone, and a task to post it again follows.
 */
export function PostingTasks() {
  const { t } = useI18n();
  const tasks = useMyPostings();
  return (
    <Card title={t.postTasks} data-testid="posting-tasks">
      {tasks.error && <Alert type="error" showIcon message={(tasks.error as ApiError).message} />}
      {tasks.data && tasks.data.length === 0 && <Empty description={t.postNone} />}
      <List dataSource={tasks.data ?? []} renderItem={(p) => <PostingTask key={p.id} posting={p} />} />
    </Card>
  );
}

function PostingTask({ posting: p }: { posting: NoticePosting }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const tz = useProjects().data?.find((x) => x.id === p.projectId)?.timeZone ?? 'Asia/Shanghai';
  const [photo, setPhoto] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [damaged, setDamaged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const needsPhoto = p.task === 'post' || p.task === 'repost';
  const finish = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const photoAttachmentId = photo ? (await upload(photo)).id : null;
      await api('POST /api/notice-postings/:id/done', {
        params: { id: p.id },
        body: { photoAttachmentId, note: note.trim() || null, damaged: p.task === 'patrol' && damaged },
      });
      void message.success(t.postFinished);
      await client.invalidateQueries({ queryKey: noticeKeys.postings });
    } catch (e) {
      setProblem((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <List.Item data-posting={p.id} data-task={p.task} style={p.emergency ? { background: '#fff1f0' } : undefined}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag color="blue">{postingTaskText(p.task, lang)}</Tag>
          {p.emergency && <EmergencyTag text={t.ntcEmergencyShort} />}
          <Typography.Text strong>{p.noticeTitle}</Typography.Text>
          <Typography.Text>{p.board}</Typography.Text>
          <Typography.Text type={p.overdue ? 'danger' : 'secondary'}>
            {p.overdue ? t.postOverdue : t.postDue} {formatInstant(p.dueAt, tz, lang)}
          </Typography.Text>
        </Space>
        <Space wrap align="start">
          <Upload
            accept="image/*"
            maxCount={1}
            beforeUpload={(file) => {
              setPhoto(file);
              return false;
            }}
            onRemove={() => setPhoto(null)}
            fileList={photo ? [{ uid: p.id, name: photo.name, status: 'done' }] : []}
          >
            <Button data-testid="posting-photo">{needsPhoto ? t.postPhotoRequired : t.postPhoto}</Button>
          </Upload>
          <Input
            style={{ width: 260 }}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t.postNote}
            aria-label={t.postNote}
            maxLength={500}
          />
          {p.task === 'patrol' && (
            <Checkbox checked={damaged} onChange={(e) => setDamaged(e.target.checked)} data-testid="posting-damaged">
              {t.postReportDamage}
            </Checkbox>
          )}
          <Button type="primary" loading={busy} disabled={needsPhoto && !photo} onClick={() => void finish()} data-testid="posting-done">
            {t.postFinish}
          </Button>
        </Space>
        {problem && <Alert type="error" showIcon message={problem} />}
      </Space>
    </List.Item>
  );
}
