/**
 * Request headers from server.ts's player-page gate (gate-player-page.ts) to Next: the uid it
 * authorised, and which page it is (the root layout drops the app chrome for these). Only the
 * gate sets them: server.ts removes both from every incoming request first.
 */
export const GRANTED_UID_HEADER = 'x-upstream-granted-uid';
export const PLAYER_PAGE_HEADER = 'x-upstream-player-page';
