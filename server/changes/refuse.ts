import { AppError } from '../../lib/model/errors';
import type { RuleResult } from '../../lib/rules/quota';

/** Throws a rule's refusal as the operations do; push.ts answers it `refused`. */
export function refuseUnless(result: RuleResult): void {
  if (!result.ok) throw new AppError('rule', result.key, result.params);
}
