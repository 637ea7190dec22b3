import * as z from 'zod/mini';

// Zod compiles object validators with `new Function` unless told not to, and the
// extension's content security policy forbids that. Every schema imports z from here.
z.config({ jitless: true });

export { z };
