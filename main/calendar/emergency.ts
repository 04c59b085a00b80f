// The emergency switch: whether it applies to a network at an instant, with its automatic end.
import type { EmergencyInput, Network } from '../../preload/contract/model';

export function emergencyApplies(e: Pick<EmergencyInput, 'active' | 'scope' | 'endsAt'>, network: Network, at: number): boolean {
  if (!e.active) return false;
  if (e.endsAt != null && at >= e.endsAt) return false;
  return e.scope === 'all' || e.scope === network;
}

/** Why the emergency does or does not apply, in one sentence for the decision path. */
export function describeEmergency(e: Pick<EmergencyInput, 'active' | 'scope' | 'endsAt'>, network: Network, at: number): string {
  if (!e.active) return 'The emergency switch is off.';
  if (e.endsAt != null && at >= e.endsAt) return `The emergency ended automatically at ${new Date(e.endsAt).toISOString()}.`;
  if (e.scope !== 'all' && e.scope !== network) return `The emergency is on for ${e.scope} only.`;
  return e.endsAt != null ? `The emergency is on (${e.scope}) until ${new Date(e.endsAt).toISOString()}.` : `The emergency is on (${e.scope}) until switched off.`;
}
