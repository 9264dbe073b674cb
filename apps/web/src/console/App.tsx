import type { RouteResponse } from '@guanjia/api-contract';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Badge, Button, ConfigProvider, Drawer, Dropdown, Form, Grid, Input, Layout, Menu, Space, Typography } from 'antd';
// the ES modules of the locales: the CommonJS ones reach the bundle wrapped, and the components fall back to English
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, useState } from 'react';
import { ApiError, api, session, setApiLanguage } from '../shared/api';
import { DemoBanner } from '../shared/DemoBanner';
import { dictionary, formMessages, I18n, initialLang, rt, useI18n, type Lang } from '../shared/i18n';
import { LiveProvider } from '../shared/live';
import { AccountSecurityPage, AccountSetup } from './AccountSecurity';
import { CaseView } from './CaseView';
import { Imports } from './Imports';
import { Intake } from './Intake';
import { Notifications } from './Notifications';
import { GradeRequestsPage } from './GradeRequests';
import { MoveIn } from './MoveIn';
import { OwnerArchive } from './OwnerArchive';
import { OwnerList } from './OwnerList';
import { newQueryClient, useLiveInvalidation, useUnreadCount } from './queries';
import { Queue } from './Queue';
import { Ledger } from './Ledger';
import { WorkOrders } from './WorkOrders';
import { navigate, useRoute } from './router';
import { vt } from './visits/visit-text';
import { mt } from './monthly/monthly-text';
import { rt as roundText } from './callback-rounds/round-text';
import { ct } from './callbacks/callback-text';
import { xt } from './self-evaluations/self-eval-text';
import { et } from './escalations/escalation-text';
import { mtx } from './meetings/meeting-text';
import { at as appraisalText } from './appraisals/appraisal-text';
import { inspectionMenu, inspectionSelected, isInspectionPath } from './inspections/menu';

// The managers' pages (ECharts, the calendar) load on first visit, not with the queue.
const Dashboard = lazy(() => import('./Dashboard').then((m) => ({ default: m.Dashboard })));
const Admin = lazy(() => import('./Admin').then((m) => ({ default: m.Admin })));
const MessagingSettings = lazy(() => import('./messaging/MessagingSettings').then((m) => ({ default: m.MessagingSettings })));
const DutyRoster = lazy(() => import('./messaging/DutyRoster').then((m) => ({ default: m.DutyRoster })));
const Notices = lazy(() => import('./notices/Notices').then((m) => ({ default: m.Notices })));
const PostingTasks = lazy(() => import('./notices/PostingTasks').then((m) => ({ default: m.PostingTasks })));
const StatutoryPage = lazy(() => import('./notices/StatutoryPage').then((m) => ({ default: m.StatutoryPage })));
const OutageRegister = lazy(() => import('./notices/OutageRegister').then((m) => ({ default: m.OutageRegister })));
const Surveys = lazy(() => import('./surveys/Surveys').then((m) => ({ default: m.Surveys })));
const Visits = lazy(() => import('./visits/Visits').then((m) => ({ default: m.Visits })));
const Escalations = lazy(() => import('./escalations/Escalations').then((m) => ({ default: m.Escalations })));
const InternalMeetings = lazy(() => import('./meetings/InternalMeetings').then((m) => ({ default: m.InternalMeetings })));
const Appraisals = lazy(() => import('./appraisals/Appraisals').then((m) => ({ default: m.Appraisals })));
const Monthly = lazy(() => import('./monthly/Monthly').then((m) => ({ default: m.Monthly })));
const CallbackRounds = lazy(() => import('./callback-rounds/CallbackRounds').then((m) => ({ default: m.CallbackRounds })));
const Callbacks = lazy(() => import('./callbacks/Callbacks').then((m) => ({ default: m.Callbacks })));
const SelfEvaluations = lazy(() => import('./self-evaluations/SelfEvaluations').then((m) => ({ default: m.SelfEvaluations })));
const Inspections = lazy(() => import('./inspections/Inspections').then((m) => ({ default: m.Inspections })));

/** The signed-in staff member as the server describes them (GET /api/auth/me). */
export type Me = RouteResponse<'GET /api/auth/me'>;

// before the first render: the date pickers read dayjs's locale when they mount
dayjs.locale(initialLang() === 'en' ? 'en' : 'zh-cn');
const queryClient = newQueryClient();

/** The staff console (客服工作台): queues, intake, the case page, the managers' dashboard. */
export function App() {
  const [lang, setLang] = useState<Lang>(initialLang());
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const t = dictionary(lang);
  setApiLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  useEffect(() => {
    if (!session.token) return setChecked(true);
    api('GET /api/auth/me')
      .then(setMe, () => (session.token = null))
      .finally(() => setChecked(true));
  }, []);
  const changeLang = (l: Lang) => {
    localStorage.setItem('gj_lang', l);
    setLang(l);
    // answers carry localized texts (clock labels, messages): load them again in the new language
    void queryClient.invalidateQueries();
  };
  const signedOut = () => {
    queryClient.clear();
    setMe(null);
  };
  return (
    <I18n.Provider value={{ lang, t, setLang: changeLang }}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} form={formMessages(lang)} theme={{ token: { colorPrimary: '#0b6e4f' } }}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <LiveProvider enabled={!!me && me.setupPending.length === 0}>
              {!checked ? null : !me ? (
                <Login onSignedIn={setMe} />
              ) : me.setupPending.length ? (
                <AccountSetup me={me} onDone={setMe} onSignOut={signedOut} />
              ) : (
                <Shell me={me} onMeChanged={setMe} onSignOut={signedOut} />
              )}
            </LiveProvider>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </I18n.Provider>
  );
}

function Login({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  // the second step appears when the server asks for it (401 TWO_FACTOR_REQUIRED)
  const [askCode, setAskCode] = useState(false);
  const submit = async (values: { username: string; password: string; code?: string }) => {
    try {
      const r = await api('POST /api/auth/login', {
        body: { username: values.username, password: values.password, ...(values.code ? { code: values.code } : {}) },
      });
      session.token = r.token;
      onSignedIn(r.me);
    } catch (e) {
      const error = e as ApiError;
      if (error.code === 'TWO_FACTOR_REQUIRED') {
        setAskCode(true);
        return;
      }
      const field = error.code === 'TWO_FACTOR_INVALID' ? 'code' : error.field === 'username' ? 'username' : 'password';
      form.setFields([{ name: field, errors: [error.message] }]);
    }
  };
  return (
    <div style={{ maxWidth: 360, margin: '12vh auto', padding: 24, background: '#fff', borderRadius: 12 }}>
      <Typography.Title level={3}>{t.appName}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t.username} rules={[{ required: true }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t.password} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {askCode && (
          <Form.Item name="code" label={t.verificationCode} extra={t.codeHint} rules={[{ required: true }]}>
            <Input autoFocus autoComplete="one-time-code" data-testid="login-code" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block>
          {t.signIn}
        </Button>
      </Form>
    </div>
  );
}

function Shell({ me, onSignOut, onMeChanged }: { me: Me; onSignOut: () => void; onMeChanged: (me: Me) => void }) {
  const route = useRoute();
  const { lang, t, setLang } = useI18n();
  const [drawer, setDrawer] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  // a phone (the technician's view): the menu and the account's buttons move into a drawer
  const narrow = !Grid.useBreakpoint().md;
  const client = useQueryClient();
  useLiveInvalidation();
  const unread = useUnreadCount().data ?? 0;
  const can = (c: string) => me.capabilities.includes(c);
  // a technician's first page is 我的工单 (at /); the queue stays one menu entry away (/queue)
  const fieldFirst = me.roles.includes('technician') && can('case.field');
  // 回访走访 (issue 14): one entry opening callbacks, the weekly sample, visits, the monthly cycle and surveys (the header fits)
  const followUpItems = [
    ...(can('callback.make') || can('callback.admin') ? [{ key: '/callbacks', label: ct('callbacks', lang) }] : []),
    ...(can('callback.admin') || can('report.read') ? [{ key: '/callback-rounds', label: roundText('rounds', lang) }] : []),
    ...(can('visit.make') || can('visit.plan') ? [{ key: '/visits', label: vt('visits', lang) }] : []),
    ...(can('monthly.write') || can('monthly.review') ? [{ key: '/monthly', label: mt('monthly', lang) }] : []),
    // the management representative (survey.letter.approve) reaches only its 公开信 tab
    ...(can('survey.manage') || can('survey.enter') || can('survey.letter.approve')
      ? [{ key: '/surveys', label: lang === 'en' ? 'Surveys' : '满意度调查' }]
      : []),
  ];
  // 员工自评's rounds: the quality department opens them, the managers review (everyone's own form: the account menu)
  const selfEvalRounds = can('survey.manage') || can('staff.evaluate');
  if (selfEvalRounds) followUpItems.push({ key: '/self-evaluations?tab=rounds', label: xt('title', lang) });
  // 员工考核 (issue 16 item 2): the supervisors draw up and comment, the company admin sets the weights (everyone's own sheets: the account menu)
  if (can('appraisal.write') || can('staff.admin')) followUpItems.push({ key: '/appraisals', label: appraisalText('menu', lang) });
  // 通知公告 (issue 13): one entry opening the ledger, statutory postings, the outage register and the steward's paper tasks
  const noticeItems = [
    ...(can('notice.write') || can('notice.approve') ? [{ key: '/notices', label: t.ntcLedger }] : []),
    ...(can('notice.write') || can('notice.approve') ? [{ key: '/statutory', label: t.statutory }] : []),
    ...(can('case.read') ? [{ key: '/outages', label: t.outages }] : []),
    ...(me.roles.includes('area_steward') ? [{ key: '/notice-postings', label: t.postTasks }] : []),
  ];
  // 督办 (issue 16 item 3): 内部会议 and 我的会议事项 (any staff member may attend or answer for a resolution), 故障转呈 (the office sends, the department answers)
  const internalItems = [
    { key: '/internal-meetings', label: mtx('menu', lang) },
    { key: '/internal-meetings?tab=mine', label: mtx('mineMenu', lang) },
    ...(can('escalation.write') || can('escalation.answer') ? [{ key: '/escalations', label: et('menu', lang) }] : []),
  ];
  const items = [
    ...(can('case.field') ? [{ key: fieldFirst ? '/' : '/work-orders', label: t.workOrders }] : []),
    { key: fieldFirst ? '/queue' : '/', label: t.queue },
    ...(can('case.read') ? [{ key: '/ledger', label: t.caseLedger }] : []),
    ...(can('case.create') ? [{ key: '/intake', label: t.intake }] : []),
    ...(noticeItems.length ? [{ key: 'notices-menu', label: t.notices, children: noticeItems }] : []),
    ...(followUpItems.length ? [{ key: 'follow-up-menu', label: lang === 'en' ? 'Follow-up' : '回访走访', children: followUpItems }] : []),
    // 巡检 (issue 15): the inspector's phone view, points, plans, defects, rectification notices, the monthly bulletin
    ...inspectionMenu(can, lang),
    { key: 'internal-menu', label: mtx('group', lang), children: internalItems },
    ...(can('owner.read') ? [{ key: '/owners', label: t.owners }] : []),
    ...(can('owner.write') ? [{ key: '/move-in', label: t.moveIn }] : []),
    ...(can('structure.admin') || can('owner.write') || can('staff.admin') ? [{ key: '/imports', label: t.imports }] : []),
    ...(can('report.read') ? [{ key: '/dashboard', label: t.dashboard }] : []),
    ...(can('owner.grade.approve') ? [{ key: '/grade-requests', label: rt('gradeRequests', lang) }] : []),
    ...(can('duty.manage') || can('structure.read') ? [{ key: '/duty', label: t.dutyRoster }] : []),
    ...(can('messaging.admin') ? [{ key: '/messaging', label: t.messaging }] : []),
    ...(can('structure.read') ? [{ key: '/admin', label: t.admin }] : []),
  ];
  const selected = route.path.startsWith('/cases')
    ? fieldFirst
      ? '/queue'
      : '/'
    : route.path.startsWith('/owners/')
      ? '/owners'
      : route.path.startsWith('/notices/')
        ? '/notices'
        : route.path === '/self-evaluations' && route.query.get('tab') === 'rounds'
          ? '/self-evaluations?tab=rounds'
          : route.path === '/internal-meetings' && route.query.get('tab') === 'mine'
            ? '/internal-meetings?tab=mine'
            : isInspectionPath(route.path)
              ? inspectionSelected(route.path)
              : route.path;
  const go = (path: string) => {
    setMenuOpen(false);
    navigate(path);
  };
  const accountButtons = (
    <>
      {/* the header is full (a manager's last entry would go under "…"): 我的自评, every staff member's own
          form, opens from this button's menu on hover, and from the drawer's own button on a phone */}
      <Dropdown
        trigger={['hover']}
        menu={{
          items: [
            { key: '/self-evaluations', label: xt('mine', lang) },
            { key: '/appraisals?mine', label: appraisalText('mine', lang) },
            { key: '/account', label: t.accountSecurity },
          ],
          onClick: (e) => go(e.key),
        }}
      >
        <Button size="small" onClick={() => go('/account')} data-testid="account-link">
          {t.accountSecurity}
        </Button>
      </Dropdown>
      {narrow && (
        <Button size="small" onClick={() => go('/self-evaluations')} data-testid="self-evaluation-link">
          {xt('mine', lang)}
        </Button>
      )}
      <Button size="small" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
        {t.language}
      </Button>
      <Button
        size="small"
        onClick={async () => {
          await api('POST /api/auth/logout').catch(() => {});
          session.token = null;
          onSignOut();
        }}
      >
        {t.signOut}
      </Button>
    </>
  );
  const badge = (
    <Badge count={unread} size="small" data-testid="unread-badge">
      <Button size="small" type="text" style={{ color: '#fff' }} onClick={() => setDrawer(true)} data-testid="me">
        {me.name}
      </Button>
    </Badge>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* 20 px at the sides (antd's 50 px left a manager's last entry under "…" at 1400 px once 巡检 came) */}
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: narrow ? 8 : 24, background: '#0b6e4f', padding: narrow ? '0 12px' : '0 20px' }}>
        {narrow && (
          <Button size="small" onClick={() => setMenuOpen(true)} data-testid="menu-button" aria-label={t.menu}>
            ☰ {t.menu}
          </Button>
        )}
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap', flex: narrow ? 1 : undefined, overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {t.appName}
        </Typography.Text>
        {!narrow && (
          // 7 px either side of an entry (antd's 16 px put the last entries of a manager's header under "…" at 1400 px; 8 px did once 督办 came)
          <ConfigProvider theme={{ components: { Menu: { itemPaddingInline: 7 } } }}>
            <Menu
              theme="dark"
              mode="horizontal"
              selectedKeys={[selected]}
              items={items}
              onClick={(e) => navigate(e.key)}
              style={{ flex: 1, minWidth: 0, background: 'transparent' }}
            />
          </ConfigProvider>
        )}
        {narrow ? (
          badge
        ) : (
          <Space>
            {badge}
            {accountButtons}
          </Space>
        )}
      </Layout.Header>
      {narrow && (
        <Drawer open={menuOpen} onClose={() => setMenuOpen(false)} placement="left" width={260} title={t.appName} data-testid="menu-drawer">
          <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={(e) => go(e.key)} style={{ borderInlineEnd: 'none' }} />
          <Space direction="vertical" style={{ marginTop: 16 }}>
            {accountButtons}
          </Space>
        </Drawer>
      )}
      <DemoBanner lang={lang} />
      <Notifications
        open={drawer}
        onClose={() => {
          setDrawer(false);
          void client.invalidateQueries({ queryKey: ['notifications'] });
        }}
      />
      <Layout.Content style={{ padding: narrow ? 8 : 16, minWidth: 0 }}>
        {route.path === '/' && (fieldFirst ? <WorkOrders /> : <Queue me={me} />)}
        {route.path === '/work-orders' && <WorkOrders />}
        {route.path === '/queue' && <Queue me={me} />}
        {route.path === '/ledger' && <Ledger />}
        {route.path === '/intake' && <Intake me={me} />}
        {route.path === '/dashboard' && (
          <Suspense fallback={null}>
            <Dashboard />
          </Suspense>
        )}
        {route.path.startsWith('/cases/') && <CaseView id={route.path.slice('/cases/'.length)} me={me} />}
        {route.path === '/owners' && <OwnerList />}
        {route.path === '/move-in' && <MoveIn />}
        {route.path === '/imports' && <Imports me={me} />}
        {route.path.startsWith('/owners/') && (
          <OwnerArchive id={route.path.slice('/owners/'.length)} canReveal={can('owner.reveal')} capabilities={me.capabilities} />
        )}
        {route.path === '/admin' && (
          <Suspense fallback={null}>
            <Admin me={me} />
          </Suspense>
        )}
        {route.path === '/messaging' && can('messaging.admin') && (
          <Suspense fallback={null}>
            <MessagingSettings />
          </Suspense>
        )}
        {route.path === '/duty' && (
          <Suspense fallback={null}>
            <DutyRoster me={me} />
          </Suspense>
        )}
        {(route.path === '/notices' || route.path.startsWith('/notices/')) && (
          <Suspense fallback={null}>
            <Notices path={route.path} me={me} />
          </Suspense>
        )}
        {route.path === '/notice-postings' && (
          <Suspense fallback={null}>
            <PostingTasks />
          </Suspense>
        )}
        {route.path === '/statutory' && (
          <Suspense fallback={null}>
            <StatutoryPage me={me} />
          </Suspense>
        )}
        {route.path === '/surveys' && (
          <Suspense fallback={null}>
            <Surveys me={me} />
          </Suspense>
        )}
        {route.path === '/outages' && (
          <Suspense fallback={null}>
            <OutageRegister me={me} />
          </Suspense>
        )}
        {route.path === '/visits' && (
          <Suspense fallback={null}>
            <Visits me={me} />
          </Suspense>
        )}
        {route.path === '/monthly' && (
          <Suspense fallback={null}>
            <Monthly me={me} />
          </Suspense>
        )}
        {route.path === '/callback-rounds' && (
          <Suspense fallback={null}>
            <CallbackRounds me={me} />
          </Suspense>
        )}
        {route.path === '/callbacks' && (
          <Suspense fallback={null}>
            <Callbacks me={me} />
          </Suspense>
        )}
        {route.path === '/self-evaluations' && (
          <Suspense fallback={null}>
            <SelfEvaluations me={me} />
          </Suspense>
        )}
        {isInspectionPath(route.path) && (
          <Suspense fallback={null}>
            <Inspections path={route.path} me={me} />
          </Suspense>
        )}
        {route.path === '/escalations' && (
          <Suspense fallback={null}>
            <Escalations me={me} />
          </Suspense>
        )}
        {route.path === '/internal-meetings' && (
          <Suspense fallback={null}>
            <InternalMeetings me={me} />
          </Suspense>
        )}
        {route.path === '/appraisals' && (
          <Suspense fallback={null}>
            <Appraisals me={me} />
          </Suspense>
        )}
        {route.path === '/grade-requests' && <GradeRequestsPage canApprove={can('owner.grade.approve')} />}
        {route.path === '/account' && <AccountSecurityPage me={me} onChanged={onMeChanged} />}
      </Layout.Content>
    </Layout>
  );
}
