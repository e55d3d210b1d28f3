import { getDb } from '@/lib/db/client';
import { methodNotAllowed } from '@/lib/http/envelope';
import { log } from '@/lib/log/logger';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** 200 once the app can serve: the server migrates the database before it listens. */
export async function GET(): Promise<Response> {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    log.error({ err: error }, 'Health check failed: the database cannot be reached');
    return Response.json({ status: 'unavailable', message: 'The database cannot be reached.' }, { status: 503 });
  }
}

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed('GET');
