import type { Me } from '../App';
import { NoticeEditor } from './NoticeEditor';
import { NoticeLedger } from './NoticeLedger';
import { NoticePage } from './NoticePage';

/** 通知公告's pages: the ledger (/notices), a new notice (/notices/new), one notice (/notices/:id). */
export function Notices({ path, me }: { path: string; me: Me }) {
  const rest = path.slice('/notices'.length).replace(/^\//, '');
  if (!rest) return <NoticeLedger me={me} />;
  if (rest === 'new') return <NoticeEditor me={me} notice={null} />;
  return <NoticePage key={rest} id={decodeURIComponent(rest)} me={me} />;
}
