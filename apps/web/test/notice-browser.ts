import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openSubmenu } from './console-browser';

/**
 * What the browser tests of notices, statutory postings and the outage register share: the 通知公告
 * menu, Ant Design selects and date pickers, and Shanghai's wall clock as the pickers write it.
 */
const HOUR = 3_600_000;

/** Opens a page of the 通知公告 menu (信息公布台帐, 法定公示, 停水停电登记, 张贴任务). */
export const openNoticeMenu = (p: Page, child: string) => openSubmenu(p, '通知公告', child);

/** Picks an option of an Ant Design select by its text (a multiple select's list is closed after). */
export async function pick(p: Page, testId: string, option: string) {
  await p.getByTestId(testId).click();
  await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  await p.keyboard.press('Escape');
}

/** The input of an Ant Design date picker (its test id sits on the input or around it). */
export async function pickerInput(p: Page, testId: string): Promise<Locator> {
  const el = p.getByTestId(testId);
  return (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input');
}

/** Types a date (and time) into a picker and confirms it. */
export async function typeDate(p: Page, testId: string, value: string) {
  const input = await pickerInput(p, testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

/** An instant as Shanghai's wall clock writes it in the pickers: 2026-11-27 09:00. */
export function shanghai(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Some days from now at the given hour, Shanghai time. */
export const daysAhead = (days: number, hour: number) => `${shanghai(Date.now() + days * 24 * HOUR).slice(0, 10)} ${String(hour).padStart(2, '0')}:00`;
