import type { CallbackResult, CallbackStatus, CallbackVerdict } from '@guanjia/vocabulary';

/**
 * The figures of a round's summary report (回访总结报告): how many of the sample were reached, and
 * the owners' verdicts on quality, attitude and result. A callback counts with its reached record's
 * answers; one never reached (unreachable) or still due counts as such. Satisfied rate = (满意 +
 * 基本满意) / answers given, the usual 回访满意率; null when nobody answered.
 */
export interface RoundCallbackFacts {
  status: CallbackStatus;
  quality: CallbackVerdict | null;
  attitude: CallbackVerdict | null;
  result: CallbackResult | null;
}

export interface VerdictFigures {
  satisfied: number;
  basicallySatisfied: number;
  notSatisfied: number;
  satisfiedRate: number | null;
}

export interface RoundFigures {
  sampled: number;
  reached: number;
  unreachable: number;
  pending: number;
  reachedRate: number | null;
  quality: VerdictFigures;
  attitude: VerdictFigures;
  result: { resolved: number; unresolved: number; resolvedRate: number | null };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function verdicts(values: readonly (CallbackVerdict | null)[]): VerdictFigures {
  const count = (v: CallbackVerdict) => values.filter((x) => x === v).length;
  const satisfied = count('satisfied');
  const basicallySatisfied = count('basically_satisfied');
  const notSatisfied = count('not_satisfied');
  return { satisfied, basicallySatisfied, notSatisfied, satisfiedRate: rate(satisfied + basicallySatisfied, satisfied + basicallySatisfied + notSatisfied) };
}

export function roundFigures(callbacks: readonly RoundCallbackFacts[]): RoundFigures {
  const reached = callbacks.filter((c) => c.status === 'done');
  const unreachable = callbacks.filter((c) => c.status === 'unreachable').length;
  const resolved = reached.filter((c) => c.result === 'resolved').length;
  const unresolved = reached.filter((c) => c.result === 'unresolved').length;
  return {
    sampled: callbacks.length,
    reached: reached.length,
    unreachable,
    pending: callbacks.length - reached.length - unreachable,
    reachedRate: rate(reached.length, reached.length + unreachable),
    quality: verdicts(reached.map((c) => c.quality)),
    attitude: verdicts(reached.map((c) => c.attitude)),
    result: { resolved, unresolved, resolvedRate: rate(resolved, resolved + unresolved) },
  };
}
