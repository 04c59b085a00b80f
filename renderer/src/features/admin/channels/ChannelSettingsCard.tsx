// What the X filtered stream listens for, and how often each feed is checked.
import { useEffect, useState, type FormEvent } from 'react';
import type { ChannelSettings } from '../../../../../preload/contract';
import { Field } from '../../../components/Field';
import { useToast } from '../../../components/Toasts';
import { api, ApiError } from '../../../lib/api';

export function ChannelSettingsCard({ settings, onSaved }: { settings: ChannelSettings; onSaved: (s: ChannelSettings) => void }) {
  const toast = useToast();
  const [keywords, setKeywords] = useState(settings.trackedKeywords.join('\n'));
  const [streamEnabled, setStreamEnabled] = useState(settings.streamEnabled);
  const [stall, setStall] = useState(String(settings.streamStallSeconds));
  const [poll, setPoll] = useState({ ...settings.pollSeconds });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setKeywords(settings.trackedKeywords.join('\n'));
    setStreamEnabled(settings.streamEnabled);
    setStall(String(settings.streamStallSeconds));
    setPoll({ ...settings.pollSeconds });
  }, [settings]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const saved = await api.call('channels.saveSettings', {
        ...settings,
        trackedKeywords: keywords
          .split(/[\n,]/)
          .map((k) => k.trim())
          .filter(Boolean),
        streamEnabled,
        streamStallSeconds: Number(stall),
        pollSeconds: { mentions: Number(poll.mentions), dms: Number(poll.dms), facebookFeed: Number(poll.facebookFeed), messenger: Number(poll.messenger) },
      });
      onSaved(saved);
      toast('Channel settings saved.', 'ok');
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        // "trackedKeywords.2" -> the keywords field.
        setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/\.\d+$/, ''), v])));
      } else toast((err as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const num = (k: keyof ChannelSettings['pollSeconds'], label: string) => (
    <Field label={label} error={errors[`pollSeconds.${k}`]}>
      <input className="input" type="number" min={2} step={1} value={poll[k]} onChange={(e) => setPoll({ ...poll, [k]: e.target.value as unknown as number })} />
    </Field>
  );

  return (
    <form className="card" onSubmit={submit} aria-labelledby="channel-settings-title">
      <div className="card__header">
        <h2 className="card__title" id="channel-settings-title">
          Listening and polling
        </h2>
      </div>
      <div className="card__body channels-form">
        <Field label="Tracked keywords" hint="One per line. The X filtered stream listens for these and for the brand's @handle." error={errors.trackedKeywords}>
          <textarea className="textarea" rows={4} value={keywords} onChange={(e) => setKeywords(e.target.value)} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={streamEnabled} onChange={(e) => setStreamEnabled(e.target.checked)} />
          Use the X filtered stream (needs an app bearer token)
        </label>
        <Field label="Reconnect the stream after this many seconds of silence" error={errors.streamStallSeconds}>
          <input className="input" type="number" min={1} step={1} value={stall} onChange={(e) => setStall(e.target.value)} />
        </Field>
        {num('mentions', 'Check X mentions every (seconds)')}
        {num('dms', 'Check X direct messages every (seconds)')}
        {num('facebookFeed', 'Check the Facebook Page every (seconds)')}
        {num('messenger', 'Check Messenger every (seconds)')}
        <div className="btn-row">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
    </form>
  );
}
