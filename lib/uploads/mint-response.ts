import { getEnv } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { countMint } from '@/lib/metrics/metrics';
import { clientAddress } from '@/lib/http/client-address';
import { publicOrigin } from '@/lib/http/origin';
import { type MintChannel, mintUpload } from './mint-upload';

/** The 201 answer to a tus creation request: Location and Stream-Media-ID, readable cross-origin. */
export async function mintUploadResponse(request: Request, channel: MintChannel, ownerId: string | null, tokenId: string | null = null): Promise<Response> {
  const env = getEnv();
  const { uid, location } = await mintUpload({
    headers: request.headers,
    channel,
    ownerId,
    baseUrl: publicOrigin(request.headers, env),
    tokenId,
    address: clientAddress(request.headers),
  }).catch((error: unknown) => {
    countMint(channel, isAppError(error) && error.status < 500 ? 'refused' : 'failed');
    throw error;
  });
  countMint(channel, 'created');
  return new Response(null, {
    status: 201,
    headers: {
      Location: location,
      'Stream-Media-ID': uid,
      'Tus-Resumable': '1.0.0',
      'Access-Control-Expose-Headers': 'Location, Stream-Media-ID, Tus-Resumable',
      'Cache-Control': 'no-store',
    },
  });
}
