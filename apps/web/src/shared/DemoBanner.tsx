import { useQuery } from '@tanstack/react-query';
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

/** What the server says of itself (GET /api/system/info): fixed while the server runs, so asked once per tab. */
export function useSystemInfo() {
  return useQuery({ queryKey: ['system', 'info'], queryFn: () => api('GET /api/system/info'), staleTime: Infinity });
}

/**
 * The banner 演示数据 over the console and the portal when the signed-in user's organization is demo
 * data (seeded by `serve --demo`), so nobody takes the demo company for a real one or types real
 * owners' details into it. Shown only when the server says so (GET /api/system/info).
 */
export function DemoBanner({ lang }: { lang: Lang }) {
  const demo = useSystemInfo().data?.demo ?? false; // unknown (loading, or refused) shows no banner
  if (!demo) return null;
  const t = dictionary(lang);
  return (
    <div role="status" data-testid="demo-banner" style={STYLE}>
      <strong>{t.demoData}</strong> · {t.demoDataHint}
    </div>
  );
}
