// Admin → Export & import: a configuration exported from one install and imported into a fresh one ends
// up identical; the import shows what will change first, and an unreadable file is refused with its reason.
import fs from 'node:fs';
import type { ConfigExport, ConfigOverview, KeywordRule, Skill } from '../../preload/contract';
import { expect, startApp, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

const withoutStamp = (text: string) => {
  const { exportedAt: _a, exportedFrom: _f, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
};

test('exports from one install and imports into a fresh one, with a preview first, ending identical', async ({ appPage: page, context }) => {
  // Make the source differ from a fresh demo setup in every kind of part.
  const skill = await engineCall<Skill>(page, 'config.createSkill', { name: 'Warranty', description: 'Repairs under warranty' });
  await engineCall(page, 'config.createRule', { name: 'Warranty claims', match: { any: ['warranty'] }, action: { type: 'route_skill', skillId: skill.id, minLevel: 3, priority: 4 } }, );
  await engineCall(page, 'config.setTimeZone', { timeZone: 'Europe/Lisbon' });
  await engineCall(page, 'config.createSpecialDay', { name: 'Company day', date: '2027-05-20', recurrence: 'yearly', closed: true, hours: [], message: 'We are out celebrating, {name}!' });
  const c = await engineCall<ConfigOverview>(page, 'config.overview');
  const spam = c.dispositions.find((d) => d.code === 'spam')!;
  await engineCall(page, 'config.deleteDisposition', { id: spam.id });

  await openAdmin(page, 'Export & import');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download configuration' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^parley-configuration-\d{4}-\d{2}-\d{2}\.json$/);
  const text = fs.readFileSync(await file.path(), 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'parley-config', version: 1, timeZone: 'Europe/Lisbon' });

  const other = await startApp();
  try {
    const pageB = await context.newPage();
    await pageB.goto(other.url);
    await expect(pageB.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await openAdmin(pageB, 'Export & import');
    await pageB.getByTestId('config-file').setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    const preview = pageB.getByTestId('import-preview');
    await expect(preview).toContainText('Importing adds 3, changes 1 and removes or deactivates 1.');
    const table = preview.getByRole('table', { name: 'What the import changes' });
    await expect(table.getByRole('row', { name: /^Skills/ })).toContainText('+1');
    await table.getByRole('row', { name: /^Disposition codes/ }).getByRole('button', { name: 'Details' }).click();
    await expect(preview).toContainText('Remove spam (Spam)');
    await table.getByRole('row', { name: /^Keyword rules/ }).getByRole('button', { name: 'Details' }).click();
    await expect(preview).toContainText('Add Warranty claims');
    // Nothing changed yet.
    expect((await engineCall<ConfigOverview>(pageB, 'config.overview')).timeZone).not.toBe('Europe/Lisbon');

    await preview.getByRole('button', { name: 'Apply these changes' }).click();
    await pageB.getByRole('dialog', { name: 'Apply the imported configuration?' }).getByRole('button', { name: 'Apply now' }).click();
    await expect(pageB.getByTestId('import-done')).toContainText('3 added, 1 changed, 1 removed or deactivated');

    const again = await engineCall<ConfigExport>(pageB, 'configTransfer.export');
    expect(withoutStamp(again.text)).toEqual(withoutStamp(text));
    // The rule points at the new install's own Warranty skill, found by name.
    const b = await engineCall<ConfigOverview>(pageB, 'config.overview');
    const action = b.rules.find((r: KeywordRule) => r.name === 'Warranty claims')!.action;
    expect(action.type === 'route_skill' && b.skills.find((s) => s.id === action.skillId)?.name).toBe('Warranty');
    await pageB.close();
  } finally {
    await other.stop();
    fs.rmSync(other.dataDir, { recursive: true, force: true });
  }
});

test('refuses a file it cannot read and says why', async ({ appPage: page }) => {
  await openAdmin(page, 'Export & import');
  const input = page.getByTestId('config-file');
  const error = page.getByTestId('import-error');

  await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('code,label\nresolved,Resolved') });
  await expect(error).toContainText('notes.json cannot be imported.');
  await expect(error).toContainText('This file is not JSON');

  await input.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'acme-settings', rules: [] })) });
  await expect(error).toContainText('not a Parley configuration');

  const current = JSON.parse((await engineCall<ConfigExport>(page, 'configTransfer.export')).text) as Record<string, unknown> & { rules: Array<{ action: Record<string, unknown> }> };
  await input.setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...current, version: 3 })) });
  await expect(error).toContainText('written by a newer Parley (file format version 3)');

  current.rules[1]!.action = { type: 'route_skill', skill: 'Astrology', minLevel: 1, priority: 0 };
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(current)) });
  await expect(error).toContainText('rules.1.action.skill: No skill called "Astrology" in this file');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
});
