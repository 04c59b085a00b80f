// The heart of the config service: the snapshot, who listens, one audited transaction per change, and
// the emergency's automatic end. The methods that change each part live in people.ts and service.ts.
import type { DB } from '../../db/connection';
import { isUniqueViolation } from '../../db/dialect';
import { appendAudit } from '../../db/repositories/audit';
import * as calendarRepo from '../../db/repositories/calendar';
import type { Clock } from '../clock';
import { ParleyError } from '../errors';
import { loadConfigSnapshot, type ConfigSnapshot } from './snapshot';

export type ConfigPart = 'skills' | 'groups' | 'agents' | 'rules' | 'hours' | 'timeZone' | 'specialDays' | 'emergency' | 'templates' | 'dispositions' | 'strategy';

export type ConfigListener = (parts: ConfigPart[], snapshot: ConfigSnapshot) => void;

export class ConfigCore {
  protected current: ConfigSnapshot | null = null;
  private version = 0;
  private readonly listeners = new Set<ConfigListener>();
  private emergencyTimer: NodeJS.Timeout | null = null;

  constructor(
    protected readonly db: DB,
    protected readonly clock: Clock,
  ) {}

  get snapshot(): ConfigSnapshot {
    if (!this.current) throw new Error('ConfigService.load() must run before the snapshot is read');
    return this.current;
  }

  async load(): Promise<ConfigSnapshot> {
    this.current = await loadConfigSnapshot(this.db, ++this.version);
    this.scheduleEmergencyEnd();
    return this.current;
  }

  /** Team mode: told after each change this seat committed, so the other seats can reload. */
  onLocalChange: ((parts: ConfigPart[]) => void) | null = null;

  /** Team mode: another seat changed these parts; read them again and tell this seat's listeners. */
  async reloadFromRemote(parts: ConfigPart[]): Promise<void> {
    await this.load();
    for (const l of this.listeners) l(parts, this.snapshot);
  }

  subscribe(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    if (this.emergencyTimer) clearTimeout(this.emergencyTimer);
    this.emergencyTimer = null;
  }

  /** Runs one change in a transaction with its audit rows, then reloads and notifies. */
  protected async change<T>(actor: string, parts: ConfigPart[], fn: (trx: DB, now: number, audit: (action: string, entity: string, entityId: unknown, before: unknown, after: unknown) => Promise<void>) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    let result: T;
    try {
      result = await this.db.transaction().execute(async (trx) =>
        fn(trx, now, (action, entity, entityId, before, after) =>
          appendAudit(trx, { at: now, actor, action, entity, entityId: entityId as string | number | null, before: before ?? undefined, after: after ?? undefined }),
        ),
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw new ParleyError('conflict', 'Something with that name or code already exists. Choose another.', { name: 'Already in use' });
      throw e;
    }
    await this.load();
    for (const l of this.listeners) l(parts, this.snapshot);
    this.onLocalChange?.(parts);
    return result;
  }

  /** A change spanning several parts (a configuration import): one transaction with its audit rows, one
   *  reload, one notification. The caller validates; `fn` writes through the repositories. */
  async changeMany<T>(actor: string, parts: ConfigPart[], fn: (trx: DB, now: number, audit: (action: string, entity: string, entityId: unknown, before: unknown, after: unknown) => Promise<void>) => Promise<T>): Promise<T> {
    return this.change(actor, parts, fn);
  }

  /** Switches the emergency off at its automatic end time, so the switch and its history say so too. */
  private scheduleEmergencyEnd(): void {
    if (this.emergencyTimer) clearTimeout(this.emergencyTimer);
    this.emergencyTimer = null;
    const e = this.current?.emergency;
    if (!e?.active || e.endsAt == null) return;
    const delay = Math.max(0, Math.min(e.endsAt - this.clock.now(), 2 ** 31 - 1));
    this.emergencyTimer = setTimeout(() => {
      void this.endEmergencyIfDue().catch(() => undefined);
    }, delay);
    this.emergencyTimer.unref?.();
  }

  /** Ends an emergency whose automatic end has passed (also called at start-up). */
  async endEmergencyIfDue(): Promise<boolean> {
    const e = this.snapshot.emergency;
    if (!e.active || e.endsAt == null || e.endsAt > this.clock.now()) return false;
    await this.change('system', ['emergency'], async (trx, at, audit) => {
      const before = await calendarRepo.getEmergency(trx);
      await calendarRepo.putEmergency(trx, { active: false, scope: before.scope, message: before.message, endsAt: before.endsAt }, 'system', at);
      await audit('auto_end', 'emergency', 1, before, await calendarRepo.getEmergency(trx));
    });
    return true;
  }
}
