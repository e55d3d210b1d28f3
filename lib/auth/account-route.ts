import { getEnv, type Env } from '@/lib/env';
import { apiRoute, assertAccount } from '@/lib/http/envelope';
import { authenticate, authenticateToken, type Principal } from './principal';

/**
 * The prologue of every Cloudflare-shaped handler under /client/v4/accounts/{accountId}/stream:
 * authenticate (401), then check the account id (404), then the handler; whatever it throws is
 * answered through the one error path in the envelope (apiRoute). In that order, so a caller
 * without credentials learns nothing about account ids.
 *
 * `token`: an API token only (uploads by a backend, Cloudflare's SDK); `token-or-session`: an
 * API token, or else the session cookie of a signed-in user (the web app reads the same routes).
 * Here in lib/auth rather than lib/http: lib/auth already builds on lib/http.
 */

export type Accepts = 'token' | 'token-or-session';

export type AccountCall<P> = { request: Request; principal: Principal; env: Env; params: P & { accountId: string } };

type RouteContext<P> = { params: Promise<P & { accountId: string }> };

export function accountRoute<P extends Record<string, string> = Record<never, never>>(
  accepts: Accepts,
  handler: (call: AccountCall<P>) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return apiRoute(async (request: Request, context: RouteContext<P>) => {
    const principal = accepts === 'token' ? await authenticateToken(request) : await authenticate(request);
    const env = getEnv();
    const params = await context.params;
    assertAccount(params.accountId, env.accountId);
    return handler({ request, principal, env, params });
  });
}
