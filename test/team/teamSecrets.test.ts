// The team's secret box: channel credentials sealed on one seat open on every other seat (each with its own
// local key), a different team password is refused with a sentence, and a team database without a password
// says what that means.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresHandle } from '../../db/postgres/connection';
import { CredentialVault, CredentialsUnavailableError, type ChannelCredentials } from '../../main/secrets/credentials';
import { FileKeySecretBox } from '../../main/secrets/secretBox';
import { NO_PASSWORD_WARNING, TEAM_SALT_KEY, TEAM_SCHEME, TeamSecretBox } from '../../main/secrets/teamSecretBox';
import { addAccount } from '../integration/ingest/harness';
import { createTestDatabase, dropTestDatabase, postgresConfigFor } from '../helpers/testDb';
import { tempDir } from '../helpers/tempDir';

const creds: ChannelCredentials = {
  kind: 'oauth2',
  accessToken: 'access-one',
  refreshToken: 'refresh-one',
  clientId: 'client',
  clientSecret: 'client-secret',
  expiresAt: 1_900_000_000_000,
  appBearerToken: 'bearer',
};

describe('the team secret box', () => {
  let tmp: ReturnType<typeof tempDir>;
  let database: string;
  let team: PostgresHandle;
  let accountId: number;
  const seatDir = (name: string) => path.join(tmp.dir, name);
  const localBox = (name: string) => {
    fs.mkdirSync(seatDir(name), { recursive: true });
    return new FileKeySecretBox(seatDir(name));
  };
  const { password } = postgresConfigFor('x');

  beforeEach(async () => {
    tmp = tempDir();
    database = await createTestDatabase();
    team = openPostgres(postgresConfigFor(database), { applicationName: 'parley-test' });
    accountId = await addAccount({ db: team.db, clock: { now: () => Date.now() } } as never, 'x', 'Support', '42', 'support');
  });
  afterEach(async () => {
    await team.close();
    await dropTestDatabase(database);
    tmp.cleanup();
  });

  it('opens on a second seat with another local key what the first seat sealed', async () => {
    const [a, b] = [localBox('a'), localBox('b')];
    // The seats really have different local keys: B's own box cannot open what A's box sealed.
    expect(() => b.open(a.seal('x'))).toThrow();

    // Both seats start at once: one salt for the team.
    const [teamA, teamB] = await Promise.all([TeamSecretBox.open(team.db, password), TeamSecretBox.open(team.db, password)]);
    const salts = await team.db.selectFrom('setting').select('value_json').where('key', '=', TEAM_SALT_KEY).execute();
    expect(salts).toHaveLength(1);
    expect(teamA.warning).toBeNull();

    await new CredentialVault(teamA, seatDir('a'), a).store(team.db, accountId, creds, Date.now());
    const row = await team.db.selectFrom('channel_account').select(['credentials', 'credentials_scheme']).where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(row.credentials_scheme).toBe(TEAM_SCHEME);
    expect(row.credentials!.toString('latin1')).not.toContain('access-one');

    expect(await new CredentialVault(teamB, seatDir('b'), b).load(team.db, accountId)).toEqual(creds);
  });

  it('refuses with a sentence when the team password is not the one that sealed them', async () => {
    const sealer = await TeamSecretBox.open(team.db, password);
    await new CredentialVault(sealer, seatDir('a'), localBox('a')).store(team.db, accountId, creds, Date.now());
    const other = await TeamSecretBox.open(team.db, `${password}-changed`);
    const load = new CredentialVault(other, seatDir('b'), localBox('b')).load(team.db, accountId);
    await expect(load).rejects.toBeInstanceOf(CredentialsUnavailableError);
    await expect(new CredentialVault(other, seatDir('b'), localBox('b')).load(team.db, accountId)).rejects.toThrow(/different team database password.*Admin → Channels/);
  });

  it('warns when the team database has no password, and still shares the credentials', async () => {
    const [a, b] = [await TeamSecretBox.open(team.db, null), await TeamSecretBox.open(team.db, null)];
    expect(a.warning).toBe(NO_PASSWORD_WARNING);
    expect(a.warning).toMatch(/anyone who can read the team database can open them/);
    expect(b.open(a.seal('token'))).toBe('token');
  });

  it('re-seals for the team what a seat sealed with its own key before the credentials were shared', async () => {
    const a = localBox('a');
    const teamBox = await TeamSecretBox.open(team.db, password);
    // Sealed by seat A's own key (as before team mode kept credentials in the team box).
    await new CredentialVault(a, seatDir('a')).store(team.db, accountId, creds, Date.now());
    // Seat B cannot open them yet, and says who can.
    await expect(new CredentialVault(teamBox, seatDir('b'), localBox('b')).load(team.db, accountId)).rejects.toThrow(/another seat's own key/);
    // Seat A opens them once: they are re-sealed with the team box, and B opens them from then on.
    expect(await new CredentialVault(teamBox, seatDir('a'), a).load(team.db, accountId)).toEqual(creds);
    const row = await team.db.selectFrom('channel_account').select('credentials_scheme').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(row.credentials_scheme).toBe(TEAM_SCHEME);
    expect(await new CredentialVault(teamBox, seatDir('b'), localBox('b')).load(team.db, accountId)).toEqual(creds);
  });
});
