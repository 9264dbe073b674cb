import type { Me } from '../App';
import { Bulletin } from './Bulletin';
import { CheckDuties } from './CheckDuties';
import { CheckPage } from './CheckPage';
import { Checklists } from './Checklists';
import { Checks } from './Checks';
import { CommunicationAudits } from './CommunicationAudits';
import { Defects } from './Defects';
import { MyPatrol } from './MyPatrol';
import { NightChecks } from './NightChecks';
import { PatrolTaskPage } from './PatrolTaskPage';
import { PatrolTasks } from './PatrolTasks';
import { Plans } from './Plans';
import { PointPrint } from './PointPrint';
import { Points } from './Points';
import { Rectifications } from './Rectifications';

/**
 * The inspection pages (issue 15 items 2–3), loaded on first visit: 我的巡检 and a task's page (the
 * inspector's phone), 巡检任务 (the readers' day of tasks), 巡检点 and a point's printable code, 巡检计划, 不合格项, 整改通知 and 月检通报;
 * 夜间查岗, 沟通工作检查 and 应检情况 (item 1).
 */
export function Inspections({ path, me }: { path: string; me: Me }) {
  const part = (prefix: string) => (path.startsWith(`${prefix}/`) ? decodeURIComponent(path.slice(prefix.length + 1)) : null);
  const task = part('/patrol');
  const scored = part('/inspections');
  const printed = part('/inspection-points')?.replace(/\/print$/, '');
  if (path === '/patrol') return <MyPatrol />;
  if (path === '/patrol-tasks') return <PatrolTasks />;
  if (task) return <PatrolTaskPage id={task} me={me} />;
  if (path === '/inspection-points') return <Points me={me} />;
  if (printed) return <PointPrint id={printed} />;
  if (path === '/patrol-plans') return <Plans me={me} />;
  if (path === '/checklists') return <Checklists me={me} />;
  if (path === '/inspections') return <Checks me={me} />;
  if (scored) return <CheckPage id={scored} me={me} />;
  if (path === '/check-duties') return <CheckDuties />;
  if (path === '/defects') return <Defects me={me} />;
  if (path === '/rectifications') return <Rectifications me={me} />;
  if (path === '/inspection-bulletin') return <Bulletin />;
  if (path === '/night-checks') return <NightChecks me={me} />;
  if (path === '/communication-audits') return <CommunicationAudits me={me} />;
  return null;
}
