import { Alert, App as AntApp, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, session } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { useChangePassword, useDisableTwoFactor, useEnableTwoFactor, useTwoFactorSetup } from './account-queries';
import type { Me } from './App';

/** Puts a server refusal next to the field it names (or the given fallback field). */
function showRefusal(form: ReturnType<typeof Form.useForm>[0], error: unknown, fields: string[], fallback: string) {
  const e = error as ApiError;
  const name = e.field && fields.includes(e.field) ? e.field : fallback;
  form.setFields([{ name, errors: [e.message] }]);
}

/** Changing one's own password: the current one, the new one twice; the server checks the policy. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const changePassword = useChangePassword();
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    try {
      await changePassword.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t.passwordChanged);
      form.resetFields();
      onDone();
    } catch (error) {
      showRefusal(form, error, ['currentPassword', 'newPassword'], 'newPassword');
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 360 }} data-testid="change-password">
      <Form.Item name="currentPassword" label={t.currentPassword} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t.newPassword} extra={t.passwordRules} rules={[{ required: true }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t.confirmPassword}
        dependencies={['newPassword']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t.passwordsDiffer))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t.changePassword}
      </Button>
    </Form>
  );
}

/** Enrolment: the QR code (and the key for typing by hand), a first code, then the recovery codes once. */
export function TwoFactorEnrolment({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [setup, setSetup] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const setUp = useTwoFactorSetup();
  const enable = useEnableTwoFactor();
  const start = async () => setSetup(await setUp.mutateAsync());
  const confirm = async (v: { code: string }) => {
    try {
      setCodes((await enable.mutateAsync(v.code)).recoveryCodes);
    } catch (error) {
      showRefusal(form, error, ['code'], 'code');
    }
  };
  if (codes) {
    return (
      <Space direction="vertical" data-testid="recovery-codes">
        <Alert type="warning" showIcon message={t.recoveryCodes} description={t.recoveryCodesHint} />
        <pre style={{ fontSize: 16, background: '#fafafa', padding: 12 }}>{codes.join('\n')}</pre>
        <Button type="primary" onClick={onDone}>
          {t.continue}
        </Button>
      </Space>
    );
  }
  if (!setup)
    return (
      <Button type="primary" onClick={() => void start()} data-testid="two-factor-start">
        {t.enableTwoFactor}
      </Button>
    );
  return (
    <Space direction="vertical" style={{ maxWidth: 420 }}>
      <Typography.Paragraph>{t.scanQr}</Typography.Paragraph>
      <img alt="QR" width={200} height={200} src={`data:image/svg+xml;base64,${btoa(setup.qrSvg)}`} data-testid="two-factor-qr" />
      <Typography.Text type="secondary">
        {t.manualSecret}:{' '}
        <Typography.Text code copyable data-testid="two-factor-secret">
          {setup.secret}
        </Typography.Text>
      </Typography.Text>
      <Form form={form} layout="inline" onFinish={confirm}>
        <Form.Item name="code" label={t.verificationCode} rules={[{ required: true }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t.confirm}
        </Button>
      </Form>
    </Space>
  );
}

/** Shown instead of the console while the account has pending steps (after a reset; an administrator without two-step verification). */
export function AccountSetup({ me, onDone, onSignOut }: { me: Me; onDone: (me: Me) => void; onSignOut: () => void }) {
  const { t } = useI18n();
  const refresh = async () => onDone(await api('GET /api/auth/me'));
  const step = me.setupPending[0];
  return (
    <div style={{ maxWidth: 520, margin: '8vh auto', padding: 24, background: '#fff', borderRadius: 12 }} data-testid="account-setup">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>{t.accountSecurity}</Typography.Title>
        <Button
          size="small"
          onClick={async () => {
            await api('POST /api/auth/logout').catch(() => undefined);
            session.token = null;
            onSignOut();
          }}
        >
          {t.signOut}
        </Button>
      </Space>
      {step === 'change_password' && (
        <>
          <Alert type="info" showIcon message={t.mustChangePassword} style={{ marginBottom: 16 }} />
          <ChangePasswordForm onDone={() => void refresh()} />
        </>
      )}
      {step === 'enrol_two_factor' && (
        <>
          <Alert type="info" showIcon message={t.mustEnrolTwoFactor} style={{ marginBottom: 16 }} />
          <TwoFactorEnrolment onDone={() => void refresh()} />
        </>
      )}
    </div>
  );
}

/** The account page in the console: password, and two-step verification on or off. */
export function AccountSecurityPage({ me, onChanged }: { me: Me; onChanged: (me: Me) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const refresh = async () => onChanged(await api('GET /api/auth/me'));
  const disableTwoFactor = useDisableTwoFactor();
  const disable = async (v: { password: string }) => {
    try {
      await disableTwoFactor.mutateAsync(v.password);
      form.resetFields();
      await refresh();
    } catch (error) {
      showRefusal(form, error, ['password'], 'password');
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Card title={t.changePassword}>
        <ChangePasswordForm onDone={() => undefined} />
      </Card>
      <Card
        title={
          <Space>
            {t.twoFactor}
            <Tag color={me.twoFactorEnabled ? 'green' : 'default'} data-testid="two-factor-state">
              {me.twoFactorEnabled ? t.twoFactorOn : t.twoFactorOff}
            </Tag>
          </Space>
        }
      >
        {me.twoFactorEnabled ? (
          <Form form={form} layout="inline" onFinish={disable}>
            <Form.Item name="password" label={t.password} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button danger htmlType="submit">
              {t.disableTwoFactor}
            </Button>
          </Form>
        ) : (
          <TwoFactorEnrolment onDone={() => void refresh()} />
        )}
      </Card>
    </Space>
  );
}
