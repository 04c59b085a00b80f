// POST /2/oauth2/token with grant_type=refresh_token: a new access token and a rotated refresh token.
// twitter-api-v2 sends this body as JSON (a long-standing quirk); real clients send a form. Both work.
import { json, type Reply } from '../http';
import { X_SCOPES } from '../tokens';
import type { XCall } from './call';

export function token(call: XCall): Reply {
  const body = call.req.body ?? {};
  const grant = typeof body.grant_type === 'string' ? body.grant_type : '';
  if (grant !== 'refresh_token') {
    return json(400, { error: 'unsupported_grant_type', error_description: `grant_type "${grant}" is not supported here; use refresh_token.` });
  }
  const refresh = typeof body.refresh_token === 'string' ? body.refresh_token : '';
  let clientId = typeof body.client_id === 'string' ? body.client_id : null;
  const basic = /^Basic\s+(.+)$/i.exec(call.req.headers.authorization ?? '');
  if (basic) {
    const [id] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    clientId = decodeURIComponent(id ?? '');
  }
  const result = call.ctx.tokens.refreshX(refresh, clientId);
  if (!result.ok) return json(400, { error: result.error, error_description: result.description });
  return json(200, {
    token_type: 'bearer',
    expires_in: result.expiresIn,
    access_token: result.access,
    scope: X_SCOPES,
    refresh_token: result.refresh,
  });
}
