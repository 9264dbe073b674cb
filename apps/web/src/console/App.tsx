import { App as AntApp, Badge, Button, ConfigProvider, Form, Input, Layout, Menu, Space, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, useState } from 'react';
import { ApiError, get, post, session, setApiLanguage } from '../shared/api';
import { DemoBanner } from '../shared/DemoBanner';
import { dictionary, I18n, initialLang, useI18n, type Lang } from '../shared/i18n';
import { useLive } from '../shared/live';
import { AccountSecurityPage, AccountSetup } from './AccountSecurity';
import { CaseView } from './CaseView';
import { Intake } from './Intake';
import { Notifications } from './Notifications';
import { OwnerArchive } from './OwnerArchive';
import { Queue } from './Queue';
import { navigate, useRoute } from './router';

// The managers' pages (ECharts, the calendar) load on first visit, not with the queue.
const Dashboard = lazy(() => import('./Dashboard').then((m) => ({ default: m.Dashboard })));
const Admin = lazy(() => import('./Admin').then((m) => ({ default: m.Admin })));

export interface Me {
  id: string;
  name: string;
  roles: string[];
  projectIds: string[];
  companyWide: boolean;
  departmentId: string | null;
  capabilities: string[];
  /** Steps to take before anything else: change_password (after a reset), enrol_two_factor (administrators). */
  setupPending: ('change_password' | 'enrol_two_factor')[];
  twoFactorEnabled: boolean;
}

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
    get<Me>('/api/auth/me')
      .then(setMe, () => (session.token = null))
      .finally(() => setChecked(true));
  }, []);
  const changeLang = (l: Lang) => {
    localStorage.setItem('gj_lang', l);
    setLang(l);
  };
  return (
    <I18n.Provider value={{ lang, t, setLang: changeLang }}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#0b6e4f' } }}>
        <AntApp>
          {!checked ? null : !me ? (
            <Login onSignedIn={setMe} />
          ) : me.setupPending.length ? (
            <AccountSetup me={me} onDone={setMe} onSignOut={() => setMe(null)} />
          ) : (
            <Shell me={me} onMeChanged={setMe} onSignOut={() => setMe(null)} />
          )}
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
      const r = await post<{ token: string; me: Me }>('/api/auth/login', {
        username: values.username,
        password: values.password,
        ...(values.code ? { code: values.code } : {}),
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
  const [unread, setUnread] = useState(0);
  const [drawer, setDrawer] = useState(false);
  const loadUnread = () =>
    get<unknown[]>('/api/notifications?unread=true&limit=200')
      .then((n) => setUnread(n.length))
      .catch(() => {});
  useEffect(() => void loadUnread(), []);
  useLive((type) => {
    if (type === 'sla.alert') void loadUnread();
  });
  const can = (c: string) => me.capabilities.includes(c);
  const items = [
    { key: '/', label: t.queue },
    ...(can('case.create') ? [{ key: '/intake', label: t.intake }] : []),
    ...(can('report.read') ? [{ key: '/dashboard', label: t.dashboard }] : []),
    ...(can('structure.read') ? [{ key: '/admin', label: t.admin }] : []),
  ];
  const selected = route.path.startsWith('/cases') ? '/' : route.path;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#0b6e4f' }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {t.appName}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          items={items}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, background: 'transparent' }}
        />
        <Space>
          <Badge count={unread} size="small">
            <Button size="small" type="text" style={{ color: '#fff' }} onClick={() => setDrawer(true)} data-testid="me">
              {me.name}
            </Button>
          </Badge>
          <Button size="small" onClick={() => navigate('/account')} data-testid="account-link">
            {t.accountSecurity}
          </Button>
          <Button size="small" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
            {t.language}
          </Button>
          <Button
            size="small"
            onClick={async () => {
              await post('/api/auth/logout').catch(() => {});
              session.token = null;
              onSignOut();
            }}
          >
            {t.signOut}
          </Button>
        </Space>
      </Layout.Header>
      <DemoBanner lang={lang} />
      <Notifications
        open={drawer}
        onClose={() => {
          setDrawer(false);
          void loadUnread();
        }}
      />
      <Layout.Content style={{ padding: 16 }}>
        {route.path === '/' && <Queue me={me} />}
        {route.path === '/intake' && <Intake me={me} />}
        {route.path === '/dashboard' && (
          <Suspense fallback={null}>
            <Dashboard />
          </Suspense>
        )}
        {route.path.startsWith('/cases/') && <CaseView id={route.path.slice('/cases/'.length)} me={me} />}
        {route.path.startsWith('/owners/') && <OwnerArchive id={route.path.slice('/owners/'.length)} canReveal={can('owner.reveal')} />}
        {route.path === '/admin' && (
          <Suspense fallback={null}>
            <Admin me={me} />
          </Suspense>
        )}
        {route.path === '/account' && <AccountSecurityPage me={me} onChanged={onMeChanged} />}
      </Layout.Content>
    </Layout>
  );
}
