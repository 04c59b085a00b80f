// One logger for the engine. Lines go to stderr (stdout is reserved for the host's ready line) and to
// a log file in the data folder. Anything that looks like a secret is masked before it is written.
import fs from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

const secretKeys = /token|secret|password|authorization|credential|cookie|proof|api_?key/i;
const secretValues: Array<[RegExp, string]> = [
  [/\b(Bearer|OAuth)\s+[A-Za-z0-9._~+/=%-]{8,}/g, '$1 [redacted]'],
  [/\b(access_token|refresh_token|appsecret_proof|client_secret|oauth_token|token)=([^&\s"]+)/gi, '$1=[redacted]'],
];

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    let s = value;
    for (const [re, to] of secretValues) s = s.replace(re, to);
    return s;
  }
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (!value || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = secretKeys.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level?: LogLevel;
  file?: string | null;
  stderr?: boolean;
}

export function createLogger(options: LoggerOptions = {}, scope = 'parley'): Logger {
  const min = order[options.level ?? ((process.env.PARLEY_LOG_LEVEL as LogLevel) || 'info')] ?? order.info;
  const stream = options.file ? fs.createWriteStream(options.file, { flags: 'a', mode: 0o600 }) : null;
  const toStderr = options.stderr ?? true;
  const make = (s: string): Logger => {
    const write = (level: LogLevel, msg: string, data?: Record<string, unknown>) => {
      if (order[level] < min) return;
      const line = JSON.stringify({ t: new Date().toISOString(), level, scope: s, msg: redact(msg), ...(data ? { data: redact(data) } : {}) });
      if (toStderr) process.stderr.write(`${line}\n`);
      stream?.write(`${line}\n`);
    };
    return {
      debug: (m, d) => write('debug', m, d),
      info: (m, d) => write('info', m, d),
      warn: (m, d) => write('warn', m, d),
      error: (m, d) => write('error', m, d),
      child: (c) => make(`${s}.${c}`),
    };
  };
  return make(scope);
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
