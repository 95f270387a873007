import * as z from 'zod';

// The content security policy forbids eval, and zod probes for it (the browser reports the probe
// as a violation) when a schema is built, unless told not to before any schema is: import this first.
z.config({ jitless: true });
