/**
 * Import this first (`import '@/lib/settings/env-files-first';`) in an entry point that
 * does not start the server (the scripts): its `.env` files are loaded, as Next.js reads
 * them, before any other module is evaluated.
 */
import { loadEnvFiles } from './load-env-files';

loadEnvFiles();
