// The secret fields for an X account (OAuth 2.0 token with refresh, or OAuth 1.0a keys) or a Facebook
// Page. Used to add an account and to re-authenticate one. Values are typed in and sent once; Parley never
// shows them again.
import type { XAuthInput } from '../../../../../preload/contract';
import { Field } from '../../../components/Field';

export interface XAuthForm {
  kind: 'oauth2' | 'oauth1';
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  appKey: string;
  appSecret: string;
  accessSecret: string;
  appBearerToken: string;
}

export const emptyXAuth: XAuthForm = {
  kind: 'oauth2',
  accessToken: '',
  refreshToken: '',
  clientId: '',
  clientSecret: '',
  appKey: '',
  appSecret: '',
  accessSecret: '',
  appBearerToken: '',
};

export function xAuthInput(f: XAuthForm): XAuthInput {
  return f.kind === 'oauth2'
    ? { kind: 'oauth2', accessToken: f.accessToken, refreshToken: f.refreshToken, clientId: f.clientId, clientSecret: f.clientSecret, appBearerToken: f.appBearerToken }
    : { kind: 'oauth1', appKey: f.appKey, appSecret: f.appSecret, accessToken: f.accessToken, accessSecret: f.accessSecret, appBearerToken: f.appBearerToken };
}

export interface FacebookSecretsForm {
  pageAccessToken: string;
  appSecret: string;
}

export const emptyFacebookSecrets: FacebookSecretsForm = { pageAccessToken: '', appSecret: '' };

type Errors = Record<string, string>;

function Secret({ label, hint, value, error, onChange }: { label: string; hint?: string; value: string; error?: string | undefined; onChange: (v: string) => void }) {
  return (
    <Field label={label} hint={hint} error={error}>
      <input className="input mono" type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

export function XAuthFields({ value, onChange, errors }: { value: XAuthForm; onChange: (v: XAuthForm) => void; errors: Errors }) {
  const set = (k: keyof XAuthForm) => (v: string) => onChange({ ...value, [k]: v });
  const e = (k: string) => errors[`auth.${k}`];
  return (
    <>
      <fieldset className="field">
        <legend className="field__label">How this account signs in</legend>
        <label className="checkbox">
          <input type="radio" name="x-auth-kind" checked={value.kind === 'oauth2'} onChange={() => onChange({ ...value, kind: 'oauth2' })} />
          OAuth 2.0 user token (with a refresh token)
        </label>
        <label className="checkbox">
          <input type="radio" name="x-auth-kind" checked={value.kind === 'oauth1'} onChange={() => onChange({ ...value, kind: 'oauth1' })} />
          OAuth 1.0a user keys
        </label>
      </fieldset>
      {value.kind === 'oauth2' ? (
        <>
          <Secret label="Access token" value={value.accessToken} error={e('accessToken')} onChange={set('accessToken')} />
          <Secret label="Refresh token" hint="Optional. Lets Parley renew the access token when it expires (scope offline.access)." value={value.refreshToken} error={e('refreshToken')} onChange={set('refreshToken')} />
          <Field label="Client ID" hint="The app's OAuth 2.0 client ID; needed with a refresh token." error={e('clientId')}>
            <input className="input mono" autoComplete="off" spellCheck={false} value={value.clientId} onChange={(ev) => set('clientId')(ev.target.value)} />
          </Field>
          <Secret label="Client secret" hint="Only for confidential clients." value={value.clientSecret} error={e('clientSecret')} onChange={set('clientSecret')} />
        </>
      ) : (
        <>
          <Secret label="API key" value={value.appKey} error={e('appKey')} onChange={set('appKey')} />
          <Secret label="API key secret" value={value.appSecret} error={e('appSecret')} onChange={set('appSecret')} />
          <Secret label="Access token" value={value.accessToken} error={e('accessToken')} onChange={set('accessToken')} />
          <Secret label="Access token secret" value={value.accessSecret} error={e('accessSecret')} onChange={set('accessSecret')} />
        </>
      )}
      <Secret
        label="App bearer token"
        hint="Optional. The filtered stream (real-time mentions and keywords) accepts only this; without it Parley polls."
        value={value.appBearerToken}
        error={e('appBearerToken')}
        onChange={set('appBearerToken')}
      />
    </>
  );
}

export function FacebookSecretFields({ value, onChange, errors }: { value: FacebookSecretsForm; onChange: (v: FacebookSecretsForm) => void; errors: Errors }) {
  return (
    <>
      <Secret label="Page access token" value={value.pageAccessToken} error={errors.pageAccessToken} onChange={(v) => onChange({ ...value, pageAccessToken: v })} />
      <Secret
        label="App secret"
        hint="Optional. Parley then signs every call with appsecret_proof, as apps that require it must."
        value={value.appSecret}
        error={errors.appSecret}
        onChange={(v) => onChange({ ...value, appSecret: v })}
      />
    </>
  );
}
