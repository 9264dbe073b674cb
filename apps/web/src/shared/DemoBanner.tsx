import { useEffect, useState } from 'react';
import { api } from './api';
import { dictionary, type Lang } from './i18n';

const STYLE: React.CSSProperties = {
  background: '#fff7e6',
  color: '#ad4e00',
  borderBottom: '1px solid #ffd591',
  padding: '6px 16px',
  fontSize: 13,
  textAlign: 'center',
};

/**
 * The banner 演示数据 over the console and the portal when the signed-in user's organization is demo
 * data (seeded by `serve --demo`), so nobody takes the demo company for a real one or types real
 * owners' details into it. Shown only when the server says so (GET /api/system/info).
 */
export function DemoBanner({ lang }: { lang: Lang }) {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    api('GET /api/system/info').then(
      (info) => setDemo(info.demo),
      () => setDemo(false),
    );
  }, []);
  if (!demo) return null;
  const t = dictionary(lang);
  return (
    <div role="status" data-testid="demo-banner" style={STYLE}>
      <strong>{t.demoData}</strong> · {t.demoDataHint}
    </div>
  );
}
