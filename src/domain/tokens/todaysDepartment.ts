import type { TokenStatus } from './queue';

interface TokenLike {
  dept: string;
  day: string;
  status: TokenStatus;
  issuedAt: string;
}

/**
 * The department that sent the patient today: that of their latest token of `day` that was not
 * cancelled (a token cancelled at the desk was a wrong pick or a patient who left), or null.
 */
export function todaysDepartment(tokens: readonly TokenLike[], day: string): string | null {
  const live = tokens.filter((t) => t.day === day && t.status !== 'cancelled');
  live.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  return live[0]?.dept ?? null;
}
