// Channel secrets sealed by the operating system's keychain (Keychain, DPAPI, libsecret/kwallet).
import { safeStorage } from 'electron';
import type { SecretBox } from '../secrets/secretBox';

export class SafeStorageSecretBox implements SecretBox {
  readonly scheme = 'electron-safe-storage';
  readonly warning: string | null;

  constructor() {
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    this.warning =
      !safeStorage.isEncryptionAvailable() || backend === 'basic_text'
        ? 'No system keychain was found, so channel secrets are protected only by a fixed key. Install and unlock a keyring (GNOME Keyring or KWallet) to protect them.'
        : null;
  }

  seal(plain: string): Buffer {
    return safeStorage.encryptString(plain);
  }

  open(sealed: Buffer): string {
    return safeStorage.decryptString(sealed);
  }
}
