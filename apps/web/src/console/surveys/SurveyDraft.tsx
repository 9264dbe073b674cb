import { SURVEY_KINDS, SURVEY_SAMPLINGS, type SurveyKind, type SurveySampling } from '@guanjia/vocabulary';
import { Alert, App as AntApp, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { showServerError } from '../server-errors';
import { useQuestionBank, useSurveyWrite, type Survey } from './survey-queries';
import { areaText, kindText, samplingText, st, suggestedPeriod, suggestedStewardPeriod, suggestedStewardTitle, suggestedTitle } from './survey-text';

interface DraftValues {
  kind: SurveyKind;
  title: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  sampling: SurveySampling;
  samplePercent?: number | null;
  questionIds: string[];
  commentPrompt?: string;
}
const FIELDS = ['kind', 'title', 'startsOn', 'endsOn', 'sampling', 'sampleRate', 'questionIds', 'commentPrompt'] as const;

/**
 * A campaign's draft (survey.manage): drafted for a project, or edited while still a draft — its title,
 * period (the next June or November, 10 days, suggested), sampling (a stratified random sample at the
 * project's floor or more — 30%, 15% for an estate occupied over five years — or a census), the items
 * picked from the bank in the order asked, and the comment's question. The server's refusal is shown
 * next to the field it names (the sample rate under the floor, an end before the start, …). A new draft
 * is a 满意度调查 or a 管家评价 (kind, fixed once drafted): the latter suggests December and a census.
 */
export function SurveyDraft({ projectId, survey, onClose }: { projectId: string; survey?: Survey; onClose: (saved?: Survey) => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const bank = useQuestionBank();
  const write = useSurveyWrite();
  const [form] = Form.useForm<DraftValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sampling = Form.useWatch('sampling', form);
  const period = survey ?? suggestedPeriod(dayjs().format('YYYY-MM-DD'));
  const initial: DraftValues = {
    kind: survey?.kind ?? 'owner_satisfaction',
    title: survey?.title ?? suggestedTitle(period.startsOn, lang),
    startsOn: dayjs(period.startsOn),
    endsOn: dayjs(period.endsOn),
    sampling: survey?.sampling ?? 'stratified',
    samplePercent: survey && survey.sampling === 'stratified' ? Math.round(survey.sampleRate * 1000) / 10 : null,
    questionIds: survey?.items.map((i) => i.id) ?? [],
    commentPrompt: survey ? (survey.commentPrompt ?? '') : st('commentPromptDefault', lang),
  };
  // a new draft's kind sets its suggested title, period and sampling (管家评价: December, a census)
  const changeKind = (kind: SurveyKind) => {
    const today = dayjs().format('YYYY-MM-DD');
    const p = kind === 'steward_rating' ? suggestedStewardPeriod(today) : suggestedPeriod(today);
    form.setFieldsValue({
      title: kind === 'steward_rating' ? suggestedStewardTitle(p.startsOn, lang) : suggestedTitle(p.startsOn, lang),
      startsOn: dayjs(p.startsOn),
      endsOn: dayjs(p.endsOn),
      sampling: kind === 'steward_rating' ? 'census' : 'stratified',
    });
  };
  const save = async (v: DraftValues) => {
    setBusy(true);
    setError(null);
    const body = {
      title: v.title,
      startsOn: v.startsOn.format('YYYY-MM-DD'),
      endsOn: v.endsOn.format('YYYY-MM-DD'),
      sampling: v.sampling,
      ...(v.sampling === 'stratified' && typeof v.samplePercent === 'number' ? { sampleRate: v.samplePercent / 100 } : {}),
      questionIds: v.questionIds,
      commentPrompt: v.commentPrompt?.trim() ? v.commentPrompt.trim() : null,
    };
    try {
      const saved = survey
        ? await write(() => api('PATCH /api/surveys/:id', { params: { id: survey.id }, body }))
        : await write(() => api('POST /api/surveys', { body: { projectId, kind: v.kind, ...body } }));
      void message.success(st(survey ? 'saved' : 'created', lang));
      onClose(saved);
    } catch (e) {
      const err = e as ApiError;
      const name = (err.field ?? '').split('.')[0];
      if (name === 'sampleRate') {
        form.setFields([{ name: 'samplePercent', errors: [err.message] }]);
        setError(null);
      } else setError(showServerError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={survey ? st('editDraft', lang) : st('newSurvey', lang)}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={st('save', lang)}
      cancelText={st('cancel', lang)}
      okButtonProps={{ 'data-testid': 'survey-draft-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="survey-draft-form">
        <Form.Item name="kind" label={st('kind', lang)} extra={st('kindHint', lang)}>
          <Radio.Group
            data-testid="survey-kind-choice"
            disabled={!!survey}
            onChange={(e) => changeKind(e.target.value as SurveyKind)}
            options={SURVEY_KINDS.map((k) => ({ value: k, label: kindText(k, lang) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={st('surveyTitle', lang)} rules={[{ required: true, whitespace: true, message: st('surveyTitle', lang) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={st('period', lang)} extra={st('periodHint', lang)} style={{ marginBottom: 0 }}>
          <Form.Item
            name="startsOn"
            label={st('startsOn', lang)}
            rules={[{ required: true, message: st('startsOn', lang) }]}
            style={{ display: 'inline-block', marginRight: 16 }}
          >
            <DatePicker allowClear={false} data-testid="survey-starts-on" onChange={(d) => d && form.setFieldValue('endsOn', d.add(9, 'day'))} />
          </Form.Item>
          <Form.Item name="endsOn" label={st('endsOn', lang)} rules={[{ required: true, message: st('endsOn', lang) }]} style={{ display: 'inline-block' }}>
            <DatePicker allowClear={false} data-testid="survey-ends-on" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="sampling" label={st('sampling', lang)}>
          <Radio.Group data-testid="survey-sampling" options={SURVEY_SAMPLINGS.map((s) => ({ value: s, label: samplingText(s, lang) }))} />
        </Form.Item>
        {sampling !== 'census' && (
          <Form.Item name="samplePercent" label={st('sampleRate', lang)} extra={st('sampleRateHint', lang)}>
            <InputNumber min={1} max={100} precision={1} style={{ width: 160 }} data-testid="survey-sample-rate" />
          </Form.Item>
        )}
        <Form.Item name="questionIds" label={st('questions', lang)} rules={[{ required: true, message: st('questions', lang) }]}>
          <Select
            mode="multiple"
            data-testid="survey-questions"
            loading={bank.isLoading}
            optionFilterProp="label"
            options={(bank.data ?? []).filter((q) => q.active).map((q) => ({ value: q.id, label: `${q.text}（${areaText(q.area, lang)}）` }))}
          />
        </Form.Item>
        <Form.Item name="commentPrompt" label={st('commentPrompt', lang)}>
          <Input maxLength={200} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
