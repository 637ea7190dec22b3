import { errorMessage, fieldMessage, t } from '../../../../lib/i18n';
import { AppError } from '../../../../lib/model/errors';
import type { RefusedChange } from '../../../../lib/model/team-connection';
import { refusedChangeMessage } from '../../../../lib/rules/refused-change-message';
import { problemText, whereText } from '../backup/problem-text';

/** What a refused change tried, as one sentence ("Change Acme Outdoor's quota to 45"). */
export function triedText(change: RefusedChange): string {
  const { key, params } = refusedChangeMessage(change);
  return t(key, params);
}

/** Why the server refused it, as the dashboard words an operation's refusal. */
export function reasonText(change: RefusedChange): string {
  return errorMessage(new AppError(change.code, change.key, change.params, change.problems ?? []));
}

/** One problem beside the reason: a sentence naming its field, and for an import's, where in the file. */
export interface ProblemLine {
  where?: string;
  text: string;
}

/** The field problems beside the reason (an import's located in the file): none when the reason already is the only one. */
export function problemLines(change: RefusedChange): ProblemLine[] {
  const problems = change.problems ?? [];
  const fields = change.code === 'validation' && problems.length === 1 ? [] : problems;
  return [
    ...fields.map((problem) => ({ text: fieldMessage(problem) })),
    ...(change.importProblems ?? []).map((problem) => ({
      where: whereText(problem.where),
      text: problemText(problem),
    })),
  ];
}
