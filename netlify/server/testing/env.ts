import { resetConfig } from "../config";
import { resetJwtSecret } from "../auth/jwtSecret";

/** Local auth with a fixed test secret, whatever the shell exported. */
export function useTestEnv(): void {
  process.env.JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";
  delete process.env.SUPABASE_URL;
  resetConfig();
  resetJwtSecret();
}
