// Every Admin screen (and its main dialogs) checked with axe: no serious or critical accessibility violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 300_000 });

async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

const sections = ['Channels', 'Agents', 'Keyword rules', 'Calendar', 'Emergency', 'Templates', 'Disposition codes', 'Strategies', 'What would happen', 'Export & import', 'Team', 'Audit log'];

// Split in two so each part stays well inside its time limit: axe is thorough, and slow on a busy machine.
for (const part of [sections.slice(0, 6), sections.slice(6)]) {
  test(`no serious or critical violations: ${part.join(', ')}`, async ({ appPage: page }) => {
    const problems: string[] = [];
    for (const section of part) {
      await openAdmin(page, section);
      await expect(page.locator('.spinner')).toHaveCount(0);
      problems.push(...(await seriousViolations(page, section)));
    }
    expect(problems).toEqual([]);
  });
}

test('no serious or critical violations in the editors, dialogs and the emergency banner', async ({ appPage: page }) => {
  const problems: string[] = [];
  // The editors and dialogs a person works in.
  await openAdmin(page, 'Agents');
  await page.getByRole('button', { name: 'Edit Ana Souza' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit Ana Souza' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Agent editor')));
  await page.getByRole('button', { name: 'Cancel' }).click();

  await openAdmin(page, 'Templates');
  await page.getByRole('button', { name: /Closed \(public\)/ }).click();
  await expect(page.getByTestId('template-preview').first()).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Template editor')));

  await openAdmin(page, 'Calendar');
  await page.getByRole('button', { name: 'Add special day' }).click();
  await expect(page.getByRole('dialog', { name: 'Add a special day' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Special day dialog')));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Import .ics' }).click();
  problems.push(...(await seriousViolations(page, '.ics import dialog')));
  await page.getByRole('button', { name: 'Close', exact: true }).click();

  await openAdmin(page, 'Emergency');
  await page.getByRole('button', { name: 'Switch emergency on…' }).click();
  problems.push(...(await seriousViolations(page, 'Emergency confirmation')));
  await page.getByRole('button', { name: 'Switch on now' }).click();
  await expect(page.getByTestId('emergency-banner')).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Emergency on (banner)')));

  await openAdmin(page, 'What would happen');
  await page.getByLabel('Text').fill('My order never arrived, I want a refund');
  await page.getByRole('button', { name: 'Show what would happen' }).click();
  await expect(page.getByTestId('preview-result').getByRole('list')).toBeVisible();
  problems.push(...(await seriousViolations(page, 'What would happen (result)')));

  expect(problems).toEqual([]);
});
