// A contact's picture, or their initials when there is none or it fails to load.
import { useState } from 'react';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters.map((p) => Array.from(p)[0] ?? '').join('').toUpperCase() || '?';
}

function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}

export function Avatar({ name, url, size = 32 }: { name: string; url?: string | null; size?: number }) {
  // The initials show at once; the picture covers them only once it has loaded, so a picture that cannot
  // be fetched (offline, a slow CDN) never leaves an empty circle while the browser waits for it to fail.
  // Kept per address, so a contact whose picture changes gets a fresh try.
  const [loaded, setLoaded] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const showPicture = !!url && url !== failed && /^https?:\/\//i.test(url);
  return (
    <span className="avatar avatar--initials" aria-hidden style={{ width: size, height: size, fontSize: size * 0.4, background: `hsl(${hue(name)} 45% 88%)`, color: `hsl(${hue(name)} 45% 28%)` }}>
      {initials(name)}
      {showPicture && (
        <img
          key={url}
          className="avatar__picture"
          src={url}
          alt=""
          width={size}
          height={size}
          referrerPolicy="no-referrer"
          data-loaded={loaded === url}
          onLoad={() => setLoaded(url)}
          onError={() => setFailed(url)}
        />
      )}
    </span>
  );
}
