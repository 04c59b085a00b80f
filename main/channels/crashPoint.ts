// Deliberate crash points for the crash-safety tests: with PARLEY_CRASH_POINT="name:N" the process kills
// itself (SIGKILL, no clean-up) the N-th time it passes `name`. Unset, this is one string comparison.
const spec = process.env.PARLEY_CRASH_POINT ?? '';
const [wanted, countText] = spec.split(':');
let remaining = Number(countText ?? '1') || 1;

export function crashPoint(name: string): void {
  if (!spec || name !== wanted) return;
  remaining--;
  if (remaining <= 0) process.kill(process.pid, 'SIGKILL');
}
