import type { Actor } from '../access/actor.ts';
import { BusinessCalendar } from '../calendar/business-calendar.ts';
import { mainlandCalendarSpec } from '../calendar/mainland-calendar.ts';
import type { CaseRecord } from '../cases/case.ts';
import type { CaseCommand } from '../cases/commands.ts';
import { decide } from '../cases/decide.ts';
import { evolveAll } from '../cases/evolve.ts';
import { openCase, type OpenCaseInput } from '../cases/open-case.ts';
import { advanceClocks, type SlaClock, type SlaContext } from '../sla/clocks.ts';
import type { SlaRule } from '../sla/policies.ts';
import { staff } from './factories.ts';

/** Helpers for clock tests: the mainland calendar, Beijing local times, a case story. */
export const calendar = new BusinessCalendar(mainlandCalendarSpec());
/** Beijing local time → ISO instant. */
export const bj = (local: string) => new Date(Date.parse(`${local}+08:00`)).toISOString();
/** ISO instant → Beijing local "YYYY-MM-DD HH:mm". */
export const local = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));

export const agent = staff(['agent'], { id: 'agent-1' });
export const supervisor = staff(['service_supervisor'], { id: 'sup-1' });
export const engHead = staff(['department_head'], { id: 'head-1', departmentId: 'dept-eng' });
export const tech = staff(['technician'], { id: 'tech-1', departmentId: 'dept-eng' });

/**
 * A case story: open it (`patch`: fields intake sets that `openCase` may not, e.g. the level), then
 * give commands at given local times; clocks follow every event.
 */
export function story(
  input: Partial<OpenCaseInput>,
  at: string,
  options: { rules?: SlaRule[]; grade?: SlaContext['customerGrade']; patch?: Partial<CaseRecord> } = {},
) {
  let n = 0;
  const ctx: SlaContext = { calendar, projectRules: options.rules ?? [], customerGrade: options.grade ?? null, newId: () => `clock-${++n}` };
  const opened = openCase(
    {
      projectId: 'proj-1',
      type: 'inquiry',
      channel: 'hotline',
      description: '业主来电',
      ownerId: 'owner-1',
      ...(input.type === 'complaint' ? { apologized: false, readBack: false } : {}),
      ...input,
    },
    agent,
    { id: 'case-1', organizationId: 'org-1', number: 'X' },
    bj(at),
  );
  if (!opened.ok) throw new Error(opened.refusal.code);
  let c: CaseRecord = { ...opened.record, ...options.patch };
  let clocks: SlaClock[] = advanceClocks([], opened.event, c, ctx);
  const self = {
    get case() {
      return c;
    },
    get clocks() {
      return clocks;
    },
    clock: (kind: SlaClock['kind']) => clocks.filter((k) => k.kind === kind).at(-1)!,
    running: (kind: SlaClock['kind']) => clocks.find((k) => k.kind === kind && k.stoppedAt === null),
    /** Gives a command; throws on a refusal. */
    give(command: CaseCommand, when: string, actor: Actor = agent) {
      const d = decide(c, command, actor, bj(when));
      if (!d.ok) throw new Error(`${command.type}: ${d.refusal.code}${d.refusal.field ? ` (${d.refusal.field})` : ''}`);
      for (const e of d.events) {
        c = evolveAll(c, [e]);
        clocks = advanceClocks(clocks, e, c, ctx);
      }
      return self;
    },
  };
  return self;
}
