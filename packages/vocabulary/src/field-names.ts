import type { Locale } from './locales.ts';

/**
 * Plain names of the input fields people fill in (owners in the portal, staff at intake), so that a
 * refusal says "请填写问题描述" instead of naming the API's key. Keys are a body path's last segment.
 */
export const FIELD_NAMES: Record<string, Record<Locale, string>> = {
  description: { 'zh-CN': '问题描述', en: 'description' },
  content: { 'zh-CN': '内容', en: 'text' },
  title: { 'zh-CN': '标题', en: 'title' },
  category: { 'zh-CN': '类别', en: 'category' },
  type: { 'zh-CN': '类型', en: 'type' },
  unitId: { 'zh-CN': '房屋', en: 'unit' },
  rating: { 'zh-CN': '评分', en: 'rating' },
  opinion: { 'zh-CN': '意见', en: 'opinion' },
  comment: { 'zh-CN': '评价内容', en: 'comment' },
  reason: { 'zh-CN': '原因', en: 'reason' },
  summary: { 'zh-CN': '完工说明', en: 'summary' },
  login: { 'zh-CN': '手机号', en: 'phone number' },
  username: { 'zh-CN': '用户名', en: 'username' },
  password: { 'zh-CN': '密码', en: 'password' },
  currentPassword: { 'zh-CN': '当前密码', en: 'current password' },
  newPassword: { 'zh-CN': '新密码', en: 'new password' },
  name: { 'zh-CN': '名称', en: 'name' },
};
