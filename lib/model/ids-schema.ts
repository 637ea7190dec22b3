import { ORG_ID_PATTERN } from './ids';
import { z } from './zod';

export const orgIdSchema = z.string().check(z.regex(ORG_ID_PATTERN, { error: 'error_orgIdInvalid' }));
