// Plain JavaScript, not TypeScript: `npm start` then loads it without starting Next's SWC
// compiler (a 24 MB native module kept resident for the life of the process).
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden(): a signed-in non-admin gets a real 403 page on /admin.
  experimental: { authInterrupts: true },
  // Native modules and the tus stack run as plain Node packages, not bundled.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', 'ioredis', '@node-rs/argon2', '@tus/server', '@tus/file-store', 'srvx', 'pino', 'prom-client', 'rate-limiter-flexible'],
};

export default nextConfig;
