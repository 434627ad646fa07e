/**
 * The one place that knows how people sign in. With VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY set,
 * sign-in, sign-up and token refresh go through Supabase Auth (and sign-up then creates the org with
 * POST /api/orgs); otherwise they use the API's own endpoints (/api/auth/*).
 */
import type { AuthError, Session as SupabaseSession, SupabaseClient, User as SupabaseUser } from "@supabase/supabase-js";
import type { SignInRequest, SignUpRequest, User } from "@/domain/auth";
import { ApiError } from "@/lib/apiError";
import { requestJson } from "@/lib/http";

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
}

export interface AuthResult extends AuthTokens {
  user: User;
  /** The org created at sign-up; absent on sign-in (GET /api/me lists memberships). */
  org?: { id: string; name: string };
}

interface TokenResponse extends AuthTokens {
  expiresIn: number;
  user: User;
}

const supabaseUrl = import.meta.env.VITE_SUPABASE_URL;
const supabaseAnonKey = import.meta.env.VITE_SUPABASE_ANON_KEY;

export const authMode: "supabase" | "local" = supabaseUrl && supabaseAnonKey ? "supabase" : "local";

// ---------------------------------------------------------------------------------------------
// Local endpoints

const local = {
  async signIn(request: SignInRequest): Promise<AuthResult> {
    const { accessToken, refreshToken, user } = await requestJson<TokenResponse>("/api/auth/token", {
      method: "POST",
      body: request,
    });
    return { accessToken, refreshToken, user };
  },

  async signUp(request: SignUpRequest): Promise<AuthResult> {
    const { accessToken, refreshToken, user, org } = await requestJson<TokenResponse & { org: { id: string; name: string } }>(
      "/api/auth/signup",
      { method: "POST", body: request },
    );
    return { accessToken, refreshToken, user, org };
  },

  async refresh(refreshToken: string): Promise<AuthTokens> {
    const tokens = await requestJson<TokenResponse>("/api/auth/refresh", { method: "POST", body: { refreshToken } });
    return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  },
};

// ---------------------------------------------------------------------------------------------
// Supabase Auth (loaded on first use, so the local build does not carry it)

let supabaseClient: Promise<SupabaseClient> | null = null;

function supabase(): Promise<SupabaseClient> {
  supabaseClient ??= import("@supabase/supabase-js").then(({ createClient }) =>
    // The session lives in our own store (src/lib/session.ts); supabase-js only talks to GoTrue.
    createClient(supabaseUrl!, supabaseAnonKey!, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    }),
  );
  return supabaseClient;
}

function toUser(user: SupabaseUser): User {
  const fullName = user.user_metadata?.full_name;
  return { id: user.id, email: user.email ?? "", fullName: typeof fullName === "string" ? fullName : null };
}

function emailTaken(): ApiError {
  return new ApiError(409, "email_taken", "An account with this email already exists.", { email: "is already registered" });
}

function toApiError(error: AuthError, fallbackCode: string): ApiError {
  const code = error.code ?? fallbackCode;
  if (code === "user_already_exists" || code === "email_exists") return emailTaken();
  if (code === "invalid_credentials") return new ApiError(401, "invalid_credentials", "Incorrect email or password.");
  if (code === "weak_password") return new ApiError(400, "weak_password", error.message, { password: error.message });
  return new ApiError(error.status ?? 400, code, error.message);
}

function tokensOf(session: SupabaseSession): AuthTokens {
  return { accessToken: session.access_token, refreshToken: session.refresh_token };
}

const remote = {
  async signIn({ email, password }: SignInRequest): Promise<AuthResult> {
    const { data, error } = await (await supabase()).auth.signInWithPassword({ email, password });
    if (error) throw toApiError(error, "invalid_credentials");
    return { ...tokensOf(data.session), user: toUser(data.user) };
  },

  async signUp({ email, password, orgName }: SignUpRequest): Promise<AuthResult> {
    const { data, error } = await (await supabase()).auth.signUp({ email, password });
    if (error) throw toApiError(error, "signup_failed");
    // With email confirmation on, an existing address answers a user without identities and no session.
    if (data.user && data.user.identities?.length === 0) throw emailTaken();
    if (!data.session || !data.user) {
      throw new ApiError(202, "confirmation_required", "Check your inbox to confirm your email, then sign in.");
    }
    const tokens = tokensOf(data.session);
    const org = await requestJson<{ id: string; name: string }>(
      "/api/orgs",
      { method: "POST", body: { name: orgName } },
      { Authorization: `Bearer ${tokens.accessToken}` },
    );
    return { ...tokens, user: toUser(data.user), org };
  },

  async refresh(refreshToken: string): Promise<AuthTokens> {
    const { data, error } = await (await supabase()).auth.refreshSession({ refresh_token: refreshToken });
    if (error || !data.session) throw error ? toApiError(error, "refresh_failed") : new ApiError(401, "refresh_failed", "Session expired");
    return tokensOf(data.session);
  },
};

const client = authMode === "supabase" ? remote : local;

/** Exchanges email and password for tokens. Throws ApiError (401 invalid_credentials). */
export function signIn(request: SignInRequest): Promise<AuthResult> {
  return client.signIn(request);
}

/** Creates the account and its first org. Throws ApiError (409 email_taken with fields.email). */
export function signUp(request: SignUpRequest): Promise<AuthResult> {
  return client.signUp(request);
}

/** Trades a refresh token for fresh tokens. Throws when the session cannot be renewed. */
export function refreshTokens(refreshToken: string): Promise<AuthTokens> {
  return client.refresh(refreshToken);
}
