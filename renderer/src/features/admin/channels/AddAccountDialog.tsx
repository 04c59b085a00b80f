// Adding an X account or a Facebook Page. Saved at once (so nothing typed is lost), then tested: the
// admin sees who the account is, or why the network refused it.
import { useState, type FormEvent } from 'react';
import type { AddChannelAccountInput, ChannelAccountDetail, Network } from '../../../../../preload/contract';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { api, ApiError } from '../../../lib/api';
import { emptyFacebookSecrets, emptyXAuth, FacebookSecretFields, xAuthInput, XAuthFields, type FacebookSecretsForm, type XAuthForm } from './CredentialFields';

export function AddAccountDialog({ network, onClose, onAdded }: { network: Network; onClose: () => void; onAdded: (a: ChannelAccountDetail) => void }) {
  const [name, setName] = useState(network === 'x' ? 'Brand on X' : 'Brand Facebook Page');
  const [baseUrl, setBaseUrl] = useState('');
  const [xAuth, setXAuth] = useState<XAuthForm>(emptyXAuth);
  const [pageId, setPageId] = useState('');
  const [fbSecrets, setFbSecrets] = useState<FacebookSecretsForm>(emptyFacebookSecrets);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    const input: AddChannelAccountInput =
      network === 'x'
        ? { network: 'x', name, baseUrl, auth: xAuthInput(xAuth) }
        : { network: 'facebook', name, baseUrl, pageId, pageAccessToken: fbSecrets.pageAccessToken, appSecret: fbSecrets.appSecret };
    try {
      onAdded(await api.call('channels.add', input));
    } catch (err) {
      if (err instanceof ApiError && err.fields) setErrors(err.fields);
      else setProblem((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={network === 'x' ? 'Add an X account' : 'Add a Facebook Page'}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="add-account-form" className="btn btn--primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add and test'}
          </button>
        </>
      }
    >
      <form id="add-account-form" className="channels-form" onSubmit={submit} noValidate>
        {problem ? (
          <div className="notice notice--error" role="alert">
            <span>{problem}</span>
          </div>
        ) : null}
        <Field label="Name in Parley" error={errors.name}>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        {network === 'facebook' ? (
          <>
            <Field label="Page ID" hint="The number in Page settings → About, e.g. 101457812431751." error={errors.pageId}>
              <input className="input mono" inputMode="numeric" value={pageId} onChange={(e) => setPageId(e.target.value)} />
            </Field>
            <FacebookSecretFields value={fbSecrets} onChange={setFbSecrets} errors={errors} />
          </>
        ) : (
          <XAuthFields value={xAuth} onChange={setXAuth} errors={errors} />
        )}
        <Field label="API address" hint="Leave empty for the real service. For the Parley sandbox or another emulator, its address, e.g. http://127.0.0.1:4790." error={errors.baseUrl}>
          <input className="input mono" placeholder={network === 'x' ? 'https://api.x.com' : 'https://graph.facebook.com'} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
        </Field>
      </form>
    </Dialog>
  );
}
