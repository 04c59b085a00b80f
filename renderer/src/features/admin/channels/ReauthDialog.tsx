// New credentials for an account whose token expired or was revoked. Polling resumes and the outbound
// acts held while the token was expired are sent.
import { useState, type FormEvent } from 'react';
import type { ChannelAccountDetail, ReauthenticateInput } from '../../../../../preload/contract';
import { Dialog } from '../../../components/Dialog';
import { api, ApiError } from '../../../lib/api';
import { emptyFacebookSecrets, emptyXAuth, FacebookSecretFields, xAuthInput, XAuthFields, type FacebookSecretsForm, type XAuthForm } from './CredentialFields';

export function ReauthDialog({ account, onClose, onDone }: { account: ChannelAccountDetail; onClose: () => void; onDone: (a: ChannelAccountDetail) => void }) {
  const [xAuth, setXAuth] = useState<XAuthForm>({ ...emptyXAuth, kind: account.authKind === 'oauth1' ? 'oauth1' : 'oauth2' });
  const [fbSecrets, setFbSecrets] = useState<FacebookSecretsForm>(emptyFacebookSecrets);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    const input: ReauthenticateInput =
      account.network === 'x'
        ? { id: account.id, network: 'x', auth: xAuthInput(xAuth) }
        : { id: account.id, network: 'facebook', pageAccessToken: fbSecrets.pageAccessToken, appSecret: fbSecrets.appSecret };
    try {
      onDone(await api.call('channels.reauthenticate', input));
    } catch (err) {
      if (err instanceof ApiError && err.fields) setErrors(err.fields);
      else setProblem((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Re-authenticate ${account.name}`}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="reauth-form" className="btn btn--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save and test'}
          </button>
        </>
      }
    >
      <form id="reauth-form" className="channels-form" onSubmit={submit} noValidate>
        {problem ? (
          <div className="notice notice--error" role="alert">
            <span>{problem}</span>
          </div>
        ) : null}
        <p className="muted">The stored secrets are replaced. Replies waiting for this account are sent once it works again.</p>
        {account.network === 'x' ? <XAuthFields value={xAuth} onChange={setXAuth} errors={errors} /> : <FacebookSecretFields value={fbSecrets} onChange={setFbSecrets} errors={errors} />}
      </form>
    </Dialog>
  );
}
