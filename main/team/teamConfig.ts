// Where this install keeps its data: the local SQLite file (no team.json, the default) or a team's
// PostgreSQL server (team.json in the data folder). The choice lives outside the database it names; the
// password is sealed with the install's SecretBox and never written in the clear, logged or sent out.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeTarget, type PostgresConfig } from '../../db/postgres/connection';
import { ParleyError } from '../errors';
import { FileKeySecretBox, type SecretBox } from '../secrets/secretBox';

export const TEAM_FILE = 'team.json';

const fileSchema = z.object({
  version: z.literal(1),
  dialect: z.literal('postgres'),
  /** Without the password. */
  connectionString: z.string().min(1),
  tls: z.enum(['disable', 'require', 'verify-full']),
  caFile: z.string().nullable(),
  password: z.object({ scheme: z.string(), sealed: z.string() }).nullable(),
});

export type TeamFile = z.infer<typeof fileSchema>;

/** The connection string without its password (what may be shown and stored in the clear). */
export function withoutPassword(connectionString: string): { connectionString: string; password: string | null } {
  describeTarget(connectionString); // says plainly when it is not a postgres:// URL
  const u = new URL(connectionString);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return { connectionString: u.toString(), password };
}

function boxFor(scheme: string, secrets: SecretBox, dataDir: string): SecretBox {
  if (scheme === secrets.scheme) return secrets;
  if (scheme === 'file-aes-256-gcm') return new FileKeySecretBox(dataDir);
  throw new ParleyError('forbidden', 'The team database password was sealed by the desktop app\'s keychain, which this host cannot open. Enter it again in Admin → Team.');
}

/** The PostgreSQL connection this install uses, or null when it runs on its local SQLite file. */
export function readTeamConfig(dataDir: string, secrets: SecretBox): PostgresConfig | null {
  const file = path.join(dataDir, TEAM_FILE);
  if (!fs.existsSync(file)) return null;
  let parsed: TeamFile;
  try {
    parsed = fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    throw new ParleyError('invalid_input', `${file} is damaged. Remove it to go back to the local database, or connect again in Admin → Team.`);
  }
  const password = parsed.password ? boxFor(parsed.password.scheme, secrets, dataDir).open(Buffer.from(parsed.password.sealed, 'base64')) : null;
  return { connectionString: parsed.connectionString, password, tls: parsed.tls, caFile: parsed.caFile };
}

/** The password this install connects with: kept apart, or inside the connection string. */
export function teamPassword(config: PostgresConfig): string | null {
  return config.password ?? withoutPassword(config.connectionString).password;
}

/** Points this install at a team database from its next start (written atomically: never half a file). */
export function writeTeamConfig(dataDir: string, config: PostgresConfig, secrets: SecretBox): void {
  const split = withoutPassword(config.connectionString);
  const password = teamPassword(config);
  const body: TeamFile = {
    version: 1,
    dialect: 'postgres',
    connectionString: split.connectionString,
    tls: config.tls,
    caFile: config.caFile,
    password: password == null ? null : { scheme: secrets.scheme, sealed: secrets.seal(password).toString('base64') },
  };
  const file = path.join(dataDir, TEAM_FILE);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Back to the local SQLite file from the next start (the team database is left as it is). */
export function clearTeamConfig(dataDir: string): void {
  fs.rmSync(path.join(dataDir, TEAM_FILE), { force: true });
}
