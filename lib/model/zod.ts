import * as z from 'zod/mini';

// Zod compiles object validators with `new Function` unless told not to, and the
// extension's content security policy forbids that. Every schema imports z from here.
// The popup validates nothing and loads no zod: the modules it loads (e.g. ids.ts,
// settings.ts, client.ts, activity.ts, ops/settings-reads.ts) import at most types from
// here and from the *-schema.ts modules. The bundler splits by module, not by export: one
// value import of a schema module, even for code the popup never runs, brings zod back.
z.config({ jitless: true });

export { z };
