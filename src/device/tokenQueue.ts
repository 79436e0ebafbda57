import { RuleError } from '../domain/errors';
import type { PatientRow, TokenRow } from '../domain/projections/rows';
import { boardOf, type Board } from '../domain/tokens/board';
import { ACTION_EVENT, nextStatus, type QueueAction } from '../domain/tokens/queue';
import type { Desk, SessionUser } from './desk';
import { DESK_ROLES, deskToday } from './frontDesk';

export interface QueueView {
  /** The first in line, oldest first (the rest are counted). */
  waiting: TokenRow[];
  waitingCount: number;
  called: TokenRow[];
  doneCount: number;
  cancelledCount: number;
  patients: Record<string, PatientRow>;
}

const QUEUE_SHOWN = 50;
/** Waiting tokens the display lists after the called ones: what a hall can read at a glance. */
const BOARD_NEXT = 6;

/** A department's token queue: the doctor's queue screen and the waiting-room display. */
export class TokenQueue {
  constructor(private readonly desk: Desk) {}

  private get db() {
    return this.desk.db;
  }

  /** Call next (no token given: the longest-waiting one), skip, done, or cancel with a reason. */
  async move(actor: SessionUser, action: QueueAction, tokenOrDept: { id: string } | { dept: string }, reason?: string): Promise<TokenRow | null> {
    if (!DESK_ROLES.has(actor.role)) throw new RuleError('roleNotAllowed');
    let row: TokenRow | undefined;
    if ('id' in tokenOrDept) {
      row = await this.db.tokens.get(tokenOrDept.id);
      if (!row) throw new RuleError('tokenNotFound');
    } else {
      const day = await deskToday(this.desk);
      row = await this.db.tokens.where('[dept+day+status+queuedAt]')
        .between([tokenOrDept.dept, day, 'waiting', ''], [tokenOrDept.dept, day, 'waiting', '\uffff']).first();
      if (!row) return null;
    }
    if (!nextStatus(row.status, action)) throw new RuleError('badMove', { token: row.token, status: row.status });
    const { projector } = await this.desk.context();
    const type = ACTION_EVENT[action];
    const ref = { token: row.token, day: row.day };
    const recorded = await projector.record(type, type === 'token.cancelled' ? { ...ref, reason } : ref, actor.name);
    return (await projector.rowAfter(recorded, 'tokens', row.id))!;
  }

  /** The queue screen: counts per status, who is called, and the next people in line. */
  async queue(dept: string, day?: string): Promise<QueueView> {
    const d = day ?? (await deskToday(this.desk));
    const index = this.db.tokens.where('[dept+day+status+queuedAt]');
    const range = (status: string) => index.between([dept, d, status, ''], [dept, d, status, '\uffff']);
    const [waiting, called, waitingCount, doneCount, cancelledCount] = await Promise.all([
      range('waiting').limit(QUEUE_SHOWN).toArray(),
      range('called').toArray(),
      range('waiting').count(),
      range('done').count(),
      range('cancelled').count(),
    ]);
    // A waiting-room display holds no key: it shows tokens and rooms, never names.
    const patients = this.desk.isUnlocked ? await this.db.patients.bulkGet([...new Set([...waiting, ...called].map((t) => t.patient))]) : [];
    return {
      waiting,
      waitingCount,
      called: called.sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? '')),
      doneCount,
      cancelledCount,
      patients: Object.fromEntries(patients.filter((p): p is PatientRow => Boolean(p)).map((p) => [p.patient, p])),
    };
  }

  /** The waiting-room display's view of a queue: tokens and rooms. */
  async board(dept: string): Promise<Board> {
    return boardOf(await this.queue(dept), BOARD_NEXT);
  }
}
