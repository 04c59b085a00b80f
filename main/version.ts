// Set by the build (esbuild `define`); tests running from source see the dev marker.
declare const __PARLEY_VERSION__: string | undefined;
export const appVersion: string = typeof __PARLEY_VERSION__ === 'string' ? __PARLEY_VERSION__ : '0.0.0-dev';
