// OAuth 2.0 refresh for an X user token. Sent form-encoded with HTTP Basic client authentication, as X
// documents it (twitter-api-v2's own refreshOAuth2Token sends JSON because of a long-standing bug).
import type { XOAuth2Credentials } from '../../secrets/credentials';

export async function refreshXToken(baseUrl: string | null, creds: XOAuth2Credentials, now: number): Promise<XOAuth2Credentials | null> {
  if (!creds.refreshToken || !creds.clientId) return null;
  const url = `${(baseUrl ?? 'https://api.x.com').replace(/\/+$/, '')}/2/oauth2/token`;
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.refreshToken, client_id: creds.clientId });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (creds.clientSecret) headers.authorization = `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64')}`;
  const res = await fetch(url, { method: 'POST', headers, body: form.toString(), signal: AbortSignal.timeout(30_000) });
  if (!res.ok) return null;
  const body = (await res.json()) as { access_token?: string; refresh_token?: string; expires_in?: number };
  if (!body.access_token) return null;
  return {
    ...creds,
    accessToken: body.access_token,
    // X rotates refresh tokens; keep the old one only if none came back.
    refreshToken: body.refresh_token ?? creds.refreshToken,
    expiresAt: typeof body.expires_in === 'number' ? now + body.expires_in * 1000 : null,
  };
}
