import { hashWorkerScript } from '@/lib/uploads/hash-worker-script';

export const runtime = 'nodejs';

export async function GET(): Promise<Response> {
  return new Response(await hashWorkerScript(), {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      // The worker's own policy: it runs hash-wasm's WebAssembly, and fetches nothing.
      'Content-Security-Policy': "default-src 'none'; script-src 'wasm-unsafe-eval'",
    },
  });
}
