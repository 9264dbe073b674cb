/**
 * Administration's tabs, in order: the key and the dictionary entry of its label. Admin.tsx renders
 * exactly these, and the zh-CN browser test walks exactly these (it fails on a tab it cannot find).
 */
export const ADMIN_TABS = [
  { key: 'calendar', label: 'calendar' },
  { key: 'sla', label: 'slaRules' },
  { key: 'structure', label: 'structure' },
  { key: 'staff', label: 'staffList' },
  { key: 'service-language', label: 'serviceLanguage' },
] as const;
export type AdminTabKey = (typeof ADMIN_TABS)[number]['key'];
