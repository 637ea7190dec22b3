import { AppError } from '../model/errors';

/**
 * A member's email is unique within its org (another org may have the same person). The
 * refusal, pointed at the member form's email field; undefined when the email is free.
 */
export function memberEmailRefusal(emailTaken: boolean): AppError | undefined {
  if (!emailTaken) return undefined;
  return new AppError('conflict', 'error_memberEmailTaken', {}, [
    { field: 'email', labelKey: 'field_member_email', key: 'error_memberEmailTaken', params: {} },
  ]);
}
