import { Alert, Button, Space, Typography } from 'antd';
import { createPortal } from 'react-dom';
import { useI18n } from '../../shared/i18n';
import { usePaper, type Survey } from './survey-queries';
import { st } from './survey-text';

type Paper = NonNullable<ReturnType<typeof usePaper>['data']>;
type Sheet = Paper['households'][number];

const PREVIEW = 2;

/** On screen the sheets' print copy is hidden; in print only it shows, one household per page (the console around it is not printed). */
const PRINT_CSS = `
@media screen { .gj-print { display: none; } }
@media print {
  body > *:not(.gj-print) { display: none !important; }
  .gj-print { display: block; }
  .gj-print .gj-sheet { break-after: page; page-break-after: always; border: none; margin: 0; }
  @page { size: A4; margin: 16mm; }
}
.gj-sheet { font-size: 14px; line-height: 1.6; color: #000; background: #fff; padding: 8px 4px; }
.gj-sheet h2 { text-align: center; font-size: 20px; margin: 0 0 4px; }
.gj-sheet .gj-sheet-head { display: flex; justify-content: space-between; margin: 8px 0; }
.gj-sheet .gj-sheet-code { font-family: monospace; font-size: 16px; font-weight: 600; letter-spacing: 1px; }
.gj-sheet ol { padding-left: 20px; }
.gj-sheet li { margin-bottom: 8px; }
.gj-sheet .gj-options { display: flex; flex-wrap: wrap; gap: 4px 20px; }
.gj-sheet .gj-lines { border-bottom: 1px solid #000; height: 28px; }
`;

/**
 * 纸质问卷: one printed page per sampled household with its questionnaire code and home (no names),
 * the items with a box per option and the comment lines; a preview of the first pages here, the whole
 * set printed by the browser's print (打印问卷) from a print-only copy of the sheets.
 */
export function PaperQuestionnaires({ survey }: { survey: Survey }) {
  const { lang } = useI18n();
  const paper = usePaper(survey.id).data;
  if (!paper) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="survey-paper">
      <style>{PRINT_CSS}</style>
      <Space wrap>
        <Button type="primary" onClick={() => window.print()} data-testid="survey-print">
          {st('print', lang)}
        </Button>
        <Typography.Text type="secondary">
          {st('total', lang, { n: paper.households.length })} · {st('printHint', lang)}
        </Typography.Text>
      </Space>
      <Alert type="info" message={st('preview', lang, { n: Math.min(PREVIEW, paper.households.length) })} />
      {paper.households.slice(0, PREVIEW).map((h) => (
        <div key={h.code} style={{ border: '1px solid #d9d9d9', padding: 16 }} data-testid="survey-sheet-preview">
          <QuestionnaireSheet paper={paper} sheet={h} />
        </div>
      ))}
      {createPortal(
        <div className="gj-print" data-testid="survey-print-sheets">
          {paper.households.map((h) => (
            <QuestionnaireSheet key={h.code} paper={paper} sheet={h} />
          ))}
        </div>,
        document.body,
      )}
    </Space>
  );
}

/** One household's questionnaire, worded for the owner (zh-CN). */
function QuestionnaireSheet({ paper, sheet }: { paper: Paper; sheet: Sheet }) {
  const s = paper.survey;
  return (
    <div className="gj-sheet" data-code={sheet.code}>
      <h2>{s.projectName}</h2>
      <h2>{s.title}</h2>
      <div className="gj-sheet-head">
        <span>
          {st('unit', 'zh-CN')}：{sheet.unitLabel}
        </span>
        <span>
          {st('code', 'zh-CN')}：<span className="gj-sheet-code">{sheet.code}</span>
        </span>
      </div>
      <p>{st('sheetIntro', 'zh-CN', { date: s.endsOn })}</p>
      <ol>
        {s.items.map((item) => (
          <li key={item.id}>
            <div>{item.text}</div>
            <div className="gj-options">
              {item.options.map((o) => (
                <span key={o.score}>□ {o.label}</span>
              ))}
            </div>
          </li>
        ))}
      </ol>
      {s.commentPrompt && (
        <div>
          <p>{s.commentPrompt}</p>
          <div className="gj-lines" />
          <div className="gj-lines" />
          <div className="gj-lines" />
        </div>
      )}
      <p style={{ textAlign: 'right', marginTop: 16 }}>{st('sheetThanks', 'zh-CN')}</p>
    </div>
  );
}
