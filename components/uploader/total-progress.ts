import { UPLOAD_PHASES, type UploadEntry } from './upload-phases';

/** The bytes of the uploads that count towards the total: all but the refused, cancelled and stopped. */
export function totalProgress(entries: readonly UploadEntry[]): { count: number; sent: number; total: number; percent: number } {
  let [count, sent, total] = [0, 0, 0];
  for (const entry of entries) {
    if (!UPLOAD_PHASES[entry.phase].showsProgress) continue;
    count += 1;
    total += entry.size;
    // An interrupted upload knows its percent before its bytes.
    sent += Math.min(entry.size, Math.max(entry.bytesSent, Math.floor((entry.percent * entry.size) / 100)));
  }
  return { count, sent, total, percent: total > 0 ? Math.floor((sent * 100) / total) : 0 };
}
