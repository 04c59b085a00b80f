// How channel credentials are sealed at rest. Electron uses the OS keychain through safeStorage
// (main/window/safeStorageBox.ts); the web host has no keychain, so it seals with a key kept in a
// 0600 file in the data folder and says so in Admin.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  /** Stored beside the sealed bytes so a later start knows how to open them. */
  readonly scheme: string;
  /** A sentence for Admin when the protection is weaker than the OS keychain; null otherwise. */
  readonly warning: string | null;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/** AES-256-GCM, laid out as iv (12 bytes) | auth tag (16) | ciphertext: the file box's and the team box's format. */
export function sealAesGcm(key: Buffer, plain: string): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Opens what sealAesGcm sealed; throws when the key is not the one that sealed it (GCM checks). */
export function openAesGcm(key: Buffer, sealed: Buffer): string {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

export class FileKeySecretBox implements SecretBox {
  readonly scheme = 'file-aes-256-gcm';
  readonly warning =
    'In the web host, channel secrets are encrypted with a key kept in a file readable only by your user account (mode 0600), not in the system keychain. Use the desktop app for keychain protection.';
  private key: Buffer;

  constructor(dataDir: string) {
    const keyFile = path.join(dataDir, 'secret.key');
    if (fs.existsSync(keyFile)) {
      this.key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
      fs.chmodSync(keyFile, 0o600);
    } else {
      this.key = crypto.randomBytes(32);
      fs.writeFileSync(keyFile, this.key.toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    if (this.key.length !== 32) throw new Error(`The key file ${keyFile} is damaged; remove it and enter the channel credentials again.`);
  }

  seal(plain: string): Buffer {
    return sealAesGcm(this.key, plain);
  }

  open(sealed: Buffer): string {
    return openAesGcm(this.key, sealed);
  }
}
