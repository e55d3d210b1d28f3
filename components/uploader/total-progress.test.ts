import { expect, test } from '@playwright/test';
import { newUploadEntry, type UploadEntry, type UploadPhase } from './upload-phases';
import { totalProgress } from './total-progress';

function entry(phase: UploadPhase, size: number, bytesSent: number, percent = Math.floor((bytesSent * 100) / size)): UploadEntry {
  return { ...newUploadEntry(`upload-${phase}-${size}`, `${phase}.mp4`, size), phase, bytesSent, percent };
}

test.describe('the total progress of a queue', () => {
  test('sums the bytes sent of all the uploads that go on or went through', () => {
    const total = totalProgress([entry('uploading', 1000, 250), entry('queued', 3000, 0), entry('processing', 1000, 1000)]);
    expect(total).toEqual({ count: 3, sent: 1250, total: 5000, percent: 25 });
  });

  test('leaves out files refused, cancelled, stopped or still being checked; an interrupted one counts at its percent', () => {
    const total = totalProgress([entry('rejected', 500, 0), entry('cancelled', 800, 400), entry('checking', 900, 0), entry('changed', 100, 50), entry('interrupted', 1000, 0, 60)]);
    expect(total).toEqual({ count: 1, sent: 600, total: 1000, percent: 60 });
    expect(totalProgress([])).toEqual({ count: 0, sent: 0, total: 0, percent: 0 });
  });
});
