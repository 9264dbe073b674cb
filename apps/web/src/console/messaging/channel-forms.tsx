import { MESSAGE_KINDS, type ConfigurableChannel } from '@guanjia/vocabulary';
import { Col, Form, Input, InputNumber, Radio, Row, Switch } from 'antd';
import { label, useI18n, type dictionary } from '../../shared/i18n';
import { MESSAGE_KIND_LABELS } from '../../shared/i18n-messaging';
import { WechatTemplatesForm, wechatTemplatesToConfig, wechatTemplatesToForm } from './wechat-templates';

type Dictionary = ReturnType<typeof dictionary>;

/**
 * Each outside channel's settings form, written by hand after the server's schemas
 * (apps/server/src/delivery/channels/*.ts — the web does not import server code; the server checks
 * what is sent and names the field it refuses): the form's fields are named as the `config` keys, so a
 * refusal of `config.<key>` lands next to its input. Plus the converters between a stored `config`
 * and the form's values (empty optional texts left out; WeChat's templates edited per kind: wechat-templates.tsx).
 */

export type ChannelFormValues = Record<string, unknown> & { enabled: boolean; secret?: string };

/** Which dictionary entry labels the secret of each channel (WeCom: by its mode). */
export function secretLabel(channel: ConfigurableChannel, mode: unknown, t: Dictionary): string {
  if (channel === 'email') return t.msgEmailSecret;
  if (channel === 'sms') return t.msgSmsSecret;
  if (channel === 'wechat') return t.msgWechatSecret;
  if (channel === 'wecom') return mode === 'robot' ? t.msgWecomRobotKey : t.msgWecomAppSecret;
  return t.msgWebhookSecret;
}

/** The form's starting values from a stored config. */
export function toFormValues(channel: ConfigurableChannel, config: Record<string, unknown>, enabled: boolean): ChannelFormValues {
  const values: ChannelFormValues = { ...config, enabled, secret: '' };
  if (channel === 'email') {
    values.port ??= 465;
    values.secure ??= true;
  }
  if (channel === 'wecom') values.mode ??= 'robot';
  if (channel === 'wechat') values.templates = wechatTemplatesToForm(config.templates);
  if (channel === 'sms') values.templates = { ...(config.templates as Record<string, string> | undefined) };
  return values;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** Only the keys with a value (an optional setting left empty is absent, not ''). */
const present = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== null));

/** The `config` to send from the form's values. */
export function toConfig(channel: ConfigurableChannel, v: ChannelFormValues): Record<string, unknown> {
  switch (channel) {
    case 'email':
      return present({ host: text(v.host), port: v.port, secure: !!v.secure, user: text(v.user), from: text(v.from) });
    case 'sms': {
      const templates = present(Object.fromEntries(Object.entries((v.templates as Record<string, unknown>) ?? {}).map(([k, code]) => [k, text(code)])));
      return { ...present({ baseUrl: text(v.baseUrl), accessKeyId: text(v.accessKeyId), signName: text(v.signName), regionId: text(v.regionId) }), templates };
    }
    case 'wechat':
      return { ...present({ baseUrl: text(v.baseUrl), appId: text(v.appId) }), templates: wechatTemplatesToConfig(v.templates) };
    case 'wecom':
      return v.mode === 'app'
        ? present({ mode: 'app', baseUrl: text(v.baseUrl), corpId: text(v.corpId), agentId: v.agentId })
        : present({ mode: 'robot', baseUrl: text(v.baseUrl) });
    case 'webhook':
      return { url: text(v.url) };
  }
}

/**
 * The form field a refusal names, or null: `config.templates.case_received` → ['templates', 'case_received'] on SMS;
 * on WeChat `config.templates.notice.fields.1.key` → that key's input, anything else of a kind → its template id.
 */
export function fieldOfRefusal(channel: ConfigurableChannel, field: string | null): (string | number)[] | null {
  const path = (field ?? '')
    .replace(/^config\.?/, '')
    .split('.')
    .filter(Boolean);
  if (!path.length) return null;
  if (path[0] === 'templates' && channel === 'wechat' && path[1]) {
    const row = Number(path[3]);
    if (path[2] === 'fields' && Number.isInteger(row) && (path[4] === 'key' || path[4] === 'from')) return ['templates', path[1], 'fields', row, path[4]];
    return ['templates', path[1], 'templateId'];
  }
  if (path[0] === 'templates') return channel === 'sms' && path[1] ? ['templates', path[1]] : ['templates'];
  const known: Record<ConfigurableChannel, string[]> = {
    email: ['host', 'port', 'secure', 'user', 'from'],
    sms: ['baseUrl', 'accessKeyId', 'signName', 'regionId'],
    wechat: ['baseUrl', 'appId'],
    wecom: ['mode', 'baseUrl', 'corpId', 'agentId'],
    webhook: ['url'],
  };
  return known[channel].includes(path[0]!) ? [path[0]!] : null;
}

const half = { xs: 24, md: 12 };

/** The inputs of one channel's plain settings (the secret and the switch are the card's). */
export function ChannelFields({ channel }: { channel: ConfigurableChannel }) {
  const { t, lang } = useI18n();
  const baseUrl = (
    <Form.Item name="baseUrl" label={`${t.msgBaseUrl}（${t.msgOptional}）`} extra={t.msgBaseUrlHint}>
      <Input />
    </Form.Item>
  );
  if (channel === 'email')
    return (
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name="host" label={t.msgEmailHost} rules={[{ required: true }]}>
            <Input placeholder="smtp.example.cn" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="port" label={t.msgEmailPort} rules={[{ required: true }]}>
            <InputNumber min={1} max={65535} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="secure" label={t.msgEmailSecure} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="user" label={`${t.msgEmailUser}（${t.msgOptional}）`}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="from" label={t.msgEmailFrom} rules={[{ required: true }]}>
            <Input placeholder="管家物业 <noreply@example.cn>" />
          </Form.Item>
        </Col>
      </Row>
    );
  if (channel === 'sms')
    return (
      <>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="accessKeyId" label={t.msgSmsAccessKeyId} rules={[{ required: true }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="signName" label={t.msgSmsSignName} rules={[{ required: true }]}>
              <Input placeholder="管家物业" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="regionId" label={`${t.msgSmsRegionId}（${t.msgOptional}）`}>
              <Input placeholder="cn-hangzhou" />
            </Form.Item>
          </Col>
          <Col {...half}>{baseUrl}</Col>
        </Row>
        <div style={{ marginBottom: 8 }}>{t.msgSmsTemplates}</div>
        <Row gutter={12}>
          {MESSAGE_KINDS.map((kind) => (
            <Col xs={24} md={12} lg={8} key={kind}>
              <Form.Item name={['templates', kind]} label={label(MESSAGE_KIND_LABELS, kind, lang)}>
                <Input placeholder="SMS_123456789" />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </>
    );
  if (channel === 'wechat')
    return (
      <>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="appId" label={t.msgWechatAppId} rules={[{ required: true }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>{baseUrl}</Col>
        </Row>
        <WechatTemplatesForm />
      </>
    );
  if (channel === 'wecom')
    return (
      <>
        <Form.Item name="mode" label={t.msgWecomMode}>
          <Radio.Group
            options={[
              { value: 'robot', label: t.msgWecomRobot },
              { value: 'app', label: t.msgWecomApp },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['mode']}>
          {({ getFieldValue }) =>
            getFieldValue('mode') === 'app' && (
              <Row gutter={12}>
                <Col {...half}>
                  <Form.Item name="corpId" label={t.msgWecomCorpId} rules={[{ required: true }]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item name="agentId" label={t.msgWecomAgentId} rules={[{ required: true }]}>
                    <InputNumber min={1} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            )
          }
        </Form.Item>
        {baseUrl}
      </>
    );
  return (
    <Form.Item name="url" label={t.msgWebhookUrl} rules={[{ required: true }]}>
      <Input placeholder="https://integrator.example.cn/guanjia" data-testid="webhook-url" />
    </Form.Item>
  );
}
