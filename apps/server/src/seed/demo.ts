import { type CaseCommand } from '@guanjia/core';
import { findStaff } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { actorFromStaff } from '../services/actors.ts';
import { createCase, executeCaseCommand } from '../services/cases.service.ts';
import { registerMoveIn } from '../services/move.service.ts';
import { insertStarterChecklists } from '../services/starter-checklists.ts';
import { hashPassword } from '../security/passwords.ts';
import { seedOrganization, type OrgSpec, type SeededOrg } from './organization.ts';
import type { CreateCaseInput } from '@guanjia/api-contract';

export const DEMO_PASSWORD = 'guanjia-demo';

/** The demo company: two management offices, staff of every role, owners, and cases in every state. */
export function demoSpec(prefix = '', code = 'DEMO', name = '示范物业服务有限公司'): OrgSpec {
  const u = (s: string) => `${prefix}${s}`;
  const buildings = [
    { code: 'B1', name: '1栋', units: ['101', '102', '201', '202'] },
    { code: 'B2', name: '2栋', units: ['101', '102', '201', '202'] },
  ];
  return {
    code,
    name,
    demo: true,
    projects: [
      { code: 'CUIHU', name: '翠湖花园管理处', buildings },
      { code: 'BINJIANG', name: '滨江名苑管理处', buildings },
    ],
    companyDepartments: [{ code: 'QUALITY', name: '品质管理部', kind: 'quality', isSupervising: true }],
    projectDepartments: [
      { code: 'SC', name: '客服中心', kind: 'service_center' },
      { code: 'ENG', name: '工程维修部', kind: 'engineering' },
      { code: 'SEC', name: '秩序维护部', kind: 'security' },
      { code: 'ENV', name: '环境部', kind: 'environment' },
    ],
    staff: [
      { username: u('admin'), name: '系统管理员', roles: ['admin'], projects: 'all' },
      { username: u('leader'), name: '周总', roles: ['leadership'], projects: 'all' },
      { username: u('quality'), name: '品质专员吴敏', roles: ['quality_officer'], projects: 'all', department: 'QUALITY' },
      { username: u('rep'), name: '管理者代表郑强', roles: ['management_rep'], projects: 'all' },
      { username: u('agent1'), name: '客服专员陈静', roles: ['agent'], projects: ['CUIHU'], department: 'SC-CUIHU' },
      { username: u('frontdesk1'), name: '大堂助理林晓', roles: ['front_desk'], projects: ['CUIHU'], department: 'SC-CUIHU' },
      { username: u('supervisor1'), name: '客服主管黄丽', roles: ['service_supervisor'], projects: ['CUIHU'], department: 'SC-CUIHU' },
      { username: u('steward1'), name: '物业管家赵磊', roles: ['area_steward'], projects: ['CUIHU'], department: 'SC-CUIHU' },
      { username: u('tech1'), name: '维修员孙刚', roles: ['technician'], projects: ['CUIHU'], department: 'ENG-CUIHU' },
      { username: u('enghead1'), name: '工程部经理钱伟', roles: ['department_head'], projects: ['CUIHU'], department: 'ENG-CUIHU' },
      { username: u('manager1'), name: '管理处主任李明', roles: ['office_manager'], projects: ['CUIHU'] },
      { username: u('archivist1'), name: '档案管理员何芳', roles: ['archive_keeper'], projects: ['CUIHU'] },
      { username: u('agent2'), name: '客服专员杨帆', roles: ['agent'], projects: ['BINJIANG'], department: 'SC-BINJIANG' },
      { username: u('tech2'), name: '维修员马超', roles: ['technician'], projects: ['BINJIANG'], department: 'ENG-BINJIANG' },
      { username: u('enghead2'), name: '工程部经理冯刚', roles: ['department_head'], projects: ['BINJIANG'], department: 'ENG-BINJIANG' },
      { username: u('manager2'), name: '管理处主任蒋涛', roles: ['office_manager'], projects: ['BINJIANG'] },
    ],
  };
}

export interface DemoOwner {
  id: string;
  name: string;
  portalLogin: string;
  projectCode: string;
  unitId: string;
}
export interface SeededDemo extends SeededOrg {
  owners: Record<string, DemoOwner>;
  caseIds: string[];
}

type Step = [username: string, command: CaseCommand];

/** Seeds the demo company; `prefix` keeps usernames and portal logins unique when tests seed a second one. */
export async function seedDemo(deps: AppDeps, options: { prefix?: string; code?: string; name?: string; withCases?: boolean } = {}): Promise<SeededDemo> {
  const prefix = options.prefix ?? '';
  const org = await seedOrganization(deps.database, demoSpec(prefix, options.code, options.name), await hashPassword(DEMO_PASSWORD), deps.now(), deps.newId);
  const actor = async (username: string) => actorFromStaff((await findStaff(deps.database.db, org.staff[`${prefix}${username}`]!))!);
  // a starter checklist of each kind of check (issue 15 item 1), so the console has something to check with
  const now = deps.now();
  await deps.database.write((db) => insertStarterChecklists(db, deps, org.organizationId, now));

  const agent1 = await actor('agent1');
  const agent2 = await actor('agent2');
  const cu = org.projects.CUIHU!;
  const bj = org.projects.BINJIANG!;
  const loginBase = prefix ? 14000000000 + prefix.length * 1000 : 13800000000;
  const ownerSpecs = [
    {
      key: 'zhangwei',
      name: '张伟',
      project: 'CUIHU',
      unitId: cu.buildings.B1!.units['101']!,
      agent: agent1,
      phone: `${loginBase + 1}`,
      id: '110101198001011232',
      grade: 'vip' as const,
    },
    {
      key: 'lina',
      name: '李娜',
      project: 'CUIHU',
      unitId: cu.buildings.B1!.units['102']!,
      agent: agent1,
      phone: `${loginBase + 2}`,
      id: '110101198502023450',
      grade: 'normal' as const,
    },
    {
      key: 'wangfang',
      name: '王芳',
      project: 'CUIHU',
      unitId: cu.buildings.B2!.units['201']!,
      agent: agent1,
      phone: `${loginBase + 3}`,
      id: '110101199003037895',
      grade: 'member' as const,
    },
    {
      key: 'liuyang',
      name: '刘洋',
      project: 'BINJIANG',
      unitId: bj.buildings.B1!.units['101']!,
      agent: agent2,
      phone: `${loginBase + 4}`,
      id: '310101197704041115',
      grade: 'important' as const,
    },
  ];
  const owners: Record<string, DemoOwner> = {};
  for (const o of ownerSpecs) {
    const view = await registerMoveIn(deps, o.agent, {
      unitId: o.unitId,
      moveInDate: '2024-03-15',
      relation: 'owner',
      owner: {
        name: o.name,
        grade: o.grade,
        idNumber: o.id,
        portalLogin: o.phone,
        portalPassword: DEMO_PASSWORD,
        contacts: [{ kind: 'phone', value: o.phone, isPrimary: true, label: '手机' }],
        specialNeeds: o.key === 'wangfang' ? '家中有行动不便的老人，上门请提前电话联系' : null,
        doNotDisturb: [{ from: '12:00', to: '14:00' }],
      },
    });
    owners[o.key] = { id: view.id, name: o.name, portalLogin: o.phone, projectCode: o.project, unitId: o.unitId };
  }
  const caseIds: string[] = [];
  if (options.withCases !== false) {
    const later = (hours: number) => new Date(Date.parse(deps.now()) + hours * 3_600_000).toISOString();
    const eng = org.departments['ENG-CUIHU']!;
    const env = org.departments['ENV-CUIHU']!;
    const z = owners.zhangwei!,
      l = owners.lina!,
      w = owners.wangfang!;
    const paths: { input: CreateCaseInput; steps: Step[] }[] = [
      {
        input: {
          projectId: cu.id,
          type: 'repair',
          channel: 'hotline',
          category: '水电',
          description: '卫生间水龙头漏水，滴个不停',
          ownerId: z.id,
          unitId: z.unitId,
          repairGrade: 'urgent',
        },
        steps: [
          ['agent1', { type: 'dispatch', assigneeId: org.staff[`${prefix}tech1`]!, departmentId: eng }],
          ['tech1', { type: 'arrive' }],
          ['tech1', { type: 'complete', summary: '更换水龙头阀芯，试水正常' }],
          ['agent1', { type: 'record_satisfaction', satisfied: true, rating: 5, opinion: '师傅很专业' }],
          ['agent1', { type: 'close', rating: 5 }],
        ],
      },
      {
        input: {
          projectId: cu.id,
          type: 'complaint',
          channel: 'hotline',
          category: '噪音',
          description: '楼上装修每天早上七点就开始电钻，严重影响休息',
          ownerId: l.id,
          unitId: l.unitId,
          apologized: true,
          readBack: true,
        },
        steps: [
          ['agent1', { type: 'transfer', departmentId: eng, promisedAt: later(48) }],
          ['enghead1', { type: 'accept', committedAt: later(24) }],
          ['enghead1', { type: 'record_contact', content: '已致电业主了解情况，约定今日下午上门核实' }],
          [
            'enghead1',
            {
              type: 'submit_plan',
              cause: '装修户未遵守装修时间规定',
              steps: '书面告知装修户施工时间为8:00-12:00、14:00-18:00，安排秩序维护员巡查',
              expectedCompletionAt: later(72),
            },
          ],
          ['manager1', { type: 'approve_plan' }], // the head wrote the plan: the office manager approves it
          ['agent1', { type: 'inform_owner', content: '您好，李女士，已要求装修户严格按规定时间施工，并安排巡查，谢谢您的反馈。' }],
          ['agent1', { type: 'record_satisfaction', satisfied: true, rating: 4 }],
          ['agent1', { type: 'close', causeAnalysis: '装修管理巡查不到位', preventiveMeasures: '装修巡查频次提高到每日两次，并在装修协议中加入违约条款' }],
        ],
      },
      {
        input: {
          projectId: cu.id,
          type: 'inquiry',
          channel: 'online_chat',
          category: '收费',
          description: '请问物业费可以按季度缴纳吗？',
          ownerId: w.id,
          unitId: w.unitId,
        },
        steps: [
          ['agent1', { type: 'transfer', departmentId: eng, promisedAt: later(4) }],
          ['enghead1', { type: 'accept', committedAt: later(3) }],
          ['enghead1', { type: 'submit_answer', content: '可以按季度缴纳，每季度首月15日前缴清即可' }],
          ['agent1', { type: 'inform_owner', content: '您好，物业费可以按季度缴纳，每季度首月15日前缴清即可，谢谢。' }],
          ['agent1', { type: 'record_satisfaction', satisfied: true }],
          ['agent1', { type: 'close' }],
        ],
      },
      {
        input: {
          projectId: cu.id,
          type: 'suggestion',
          channel: 'suggestion_box',
          category: '绿化',
          description: '建议在儿童游乐区增加遮阳棚',
          ownerId: z.id,
          unitId: z.unitId,
        },
        steps: [
          ['agent1', { type: 'transfer', departmentId: env }],
          ['manager1', { type: 'accept', committedAt: later(100) }],
          ['manager1', { type: 'evaluate', feasible: true, plan: '下月采购并安装两处遮阳棚', expectedAt: later(720) }],
          ['agent1', { type: 'inform_owner', content: '您好，张先生，您的建议已被采纳，下月将安装遮阳棚，感谢您的宝贵建议。' }],
          ['agent1', { type: 'record_satisfaction', satisfied: true }],
          ['agent1', { type: 'close' }],
        ],
      },
    ];
    for (const path of paths) {
      // One case stopped after each step: together they show every state of the workflow.
      for (let stop = 0; stop <= path.steps.length; stop++) {
        const agent = path.input.projectId === cu.id ? agent1 : agent2;
        const created = await createCase(deps, agent, path.input);
        const id = (created.body as { case: { id: string } }).case.id;
        for (const [username, command] of path.steps.slice(0, stop)) await executeCaseCommand(deps, await actor(username), id, command as never);
        caseIds.push(id);
      }
    }
    const bjOwner = owners.liuyang!;
    const created = await createCase(deps, agent2, {
      projectId: bj.id,
      type: 'repair',
      channel: 'counter',
      category: '门窗',
      description: '入户门锁芯损坏，无法反锁',
      ownerId: bjOwner.id,
      unitId: bjOwner.unitId,
      repairGrade: 'very_urgent',
    });
    caseIds.push((created.body as { case: { id: string } }).case.id);
  }
  return { ...org, owners, caseIds };
}
