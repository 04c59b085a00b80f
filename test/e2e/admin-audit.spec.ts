// Admin → Audit log: who changed which setting and when, filtered by entity, actor and days, paged, with
// the before and after of each change.
import type { Skill } from '../../preload/contract';
import { expect, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

test('filters the audit log, pages through it, and shows before and after', async ({ appPage: page }) => {
  const skill = await engineCall<Skill>(page, 'config.createSkill', { name: 'Loyalty', description: 'Points and rewards' });
  await engineCall(page, 'config.updateSkill', { id: skill.id, name: 'Loyalty programme', description: 'Points, tiers and rewards' });

  await openAdmin(page, 'Audit log');
  const log = page.getByRole('table', { name: 'Audit log' });
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toContainText('Loyalty programme');
  await expect(rows.first()).toContainText('Admin (web window)');
  await expect(rows.first()).toContainText('Changed');

  // Paged: the demo setup alone wrote more than one page.
  await expect(rows).toHaveCount(25);
  const firstOfPage1 = await rows.first().textContent();
  await page.getByRole('button', { name: 'Older' }).click();
  await expect(page.getByTestId('audit-page')).toHaveText('Page 2');
  await expect(rows.first()).not.toHaveText(firstOfPage1!);
  await page.getByRole('button', { name: 'Newer' }).click();
  await expect(rows.first()).toHaveText(firstOfPage1!);

  // By entity and by actor.
  await page.getByLabel('What').selectOption({ label: 'Skill' });
  await expect(rows).toHaveCount(5); // three demo skills, then Loyalty created and renamed
  await page.getByLabel('Who').selectOption({ label: 'Admin (web window)' });
  await expect(rows).toHaveCount(2);

  await rows.first().getByRole('button', { name: 'Show changes' }).click();
  const changes = log.getByRole('table', { name: 'What changed' });
  await expect(changes.getByRole('row', { name: /^name/ })).toContainText('Loyalty');
  await expect(changes.getByRole('row', { name: /^name/ })).toContainText('Loyalty programme');
  await expect(changes.getByRole('row', { name: /^description/ })).toContainText('Points and rewards');
  await expect(changes.getByRole('row', { name: /^description/ })).toContainText('Points, tiers and rewards');

  // By days: nothing before today; an end before the start is pointed out beside the field.
  await page.getByLabel('To').fill('2020-01-31');
  await expect(page.getByText('Nothing recorded for these filters')).toBeVisible();
  await page.getByLabel('From').fill('2020-02-01');
  await expect(page.getByText('The end date is before the start date')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(25);
});
