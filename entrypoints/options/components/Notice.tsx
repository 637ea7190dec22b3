import { type MessageKey, type MessageParams, t } from '../../../lib/i18n';

/**
 * The outcome of the last action, said where it was taken: a sentence, or a message said in
 * the language of the moment (for a notice that outlives a switch of language, such as the
 * one after saving the language itself). An error is an alert; anything else a polite status.
 */
export type Notice = ({ text: string } | { key: MessageKey; params?: MessageParams }) & { error: boolean };

interface NoticeProps {
  notice: Notice | null;
  /** Names the shown notice for tests; `alertTestId`, when given, names an error instead. */
  testId: string;
  alertTestId?: string;
}

/**
 * Where a notice shows: a status region that is always there, so that a success put in it is
 * announced, and an alert for an error, announced as it appears. At most one element carries
 * the test id at a time.
 */
export function Notice({ notice, testId, alertTestId = testId }: NoticeProps) {
  const text = notice && ('key' in notice ? t(notice.key, notice.params) : notice.text);
  return (
    <>
      <div role="status" class="notice-area">
        {notice && !notice.error && <p data-testid={testId}>{text}</p>}
      </div>
      {notice?.error && (
        <p role="alert" data-testid={alertTestId}>
          {text}
        </p>
      )}
    </>
  );
}
