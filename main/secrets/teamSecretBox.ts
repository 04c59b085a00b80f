// Team mode: channel credentials live in one shared row, so every seat must be able to open them. Each
// seat's own box (keychain, or secret.key) cannot, so they are sealed with a key every seat can derive:
// scrypt over the team database's password (every seat has it, in its locally sealed team.json) and a
// random salt kept in the team database itself.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { DB } from '../../db/connection';
import { openAesGcm, sealAesGcm, type SecretBox } from './secretBox';

export const TEAM_SCHEME = 'team-scrypt-aes-256-gcm';
export const TEAM_SALT_KEY = 'team.secretSalt';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;
// N=2^15, r=8 needs 32 MiB; derived once per start, so the cost is paid once.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export const NO_PASSWORD_WARNING =
  'The team database has no password, so the channel secrets are encrypted with a key derived from a value stored in the team database itself: anyone who can read the team database can open them. Give the database user a password and connect again in Admin → Team on every seat.';

export class TeamSecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamSecretsError';
  }
}

export class TeamSecretBox implements SecretBox {
  readonly scheme = TEAM_SCHEME;
  readonly warning: string | null;

  private constructor(
    private readonly key: Buffer,
    hasPassword: boolean,
  ) {
    this.warning = hasPassword ? null : NO_PASSWORD_WARNING;
  }

  /** The box for a salt and password (for the move, which writes the salt inside its own transaction). */
  static async derive(salt: Buffer, password: string | null): Promise<TeamSecretBox> {
    const key = await scrypt(password ?? '', salt, 32, SCRYPT);
    return new TeamSecretBox(key, password != null && password !== '');
  }

  /** The team's box: the salt is created once by whichever seat comes first, then read by all. */
  static async open(db: DB, password: string | null): Promise<TeamSecretBox> {
    return TeamSecretBox.derive(await teamSalt(db), password);
  }

  seal(plain: string): Buffer {
    return sealAesGcm(this.key, plain);
  }

  open(sealed: Buffer): string {
    try {
      return openAesGcm(this.key, sealed);
    } catch {
      // GCM refuses a wrong key; with one salt per team, that means another password sealed them.
      throw new TeamSecretsError(
        'These channel credentials were sealed with a different team database password (was the password changed?). Enter them again in Admin → Channels; every seat can then open them.',
      );
    }
  }
}

export function newTeamSalt(): string {
  return crypto.randomBytes(16).toString('base64');
}

/** Insert-if-absent, then read: two seats starting at once both end up with the first one's salt. */
export async function teamSalt(db: DB): Promise<Buffer> {
  await db
    .insertInto('setting')
    .values({ key: TEAM_SALT_KEY, value_json: JSON.stringify(newTeamSalt()), updated_at: Date.now(), updated_by: 'parley' })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('setting').select('value_json').where('key', '=', TEAM_SALT_KEY).executeTakeFirstOrThrow();
  const salt = Buffer.from(JSON.parse(row.value_json) as string, 'base64');
  if (salt.length < 16) throw new TeamSecretsError(`The team database's setting "${TEAM_SALT_KEY}" is damaged; channel credentials cannot be opened.`);
  return salt;
}
