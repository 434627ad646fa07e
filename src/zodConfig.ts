import { z } from "zod";

// zod 4 probes whether eval works (Function("")) to compile fast parsers. Our Content-Security-Policy
// (script-src 'self') forbids eval, so the probe only logs a violation: skip it. Imported first by main.tsx.
z.config({ jitless: true });
