import { authenticateSession } from '@/lib/auth/principal';
import { apiRoute, methodNotAllowed } from '@/lib/http/envelope';
import { mintUploadResponse } from '@/lib/uploads/mint-response';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The uploader's tus `endpoint`: mints a one-time upload URL for the signed-in user. */
export const POST = apiRoute(async (request: Request) => {
  const principal = await authenticateSession();
  const ownerId = principal.kind === 'user' ? principal.user.id : null;
  return mintUploadResponse(request, 'session', ownerId);
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed('POST');
