/**
 * What the page's polite aria-live region says about the queue. The words avoid those of the
 * items' own status lines ("Upload complete", "Paused", "Cancelled", …), so each of those
 * appears once on the page. Silent while no page shows the queue.
 */
export class UploadAnnouncer {
  private sink: ((text: string) => void) | null = null;

  /** The page's live region, while a page shows the queue; null when it goes. */
  setSink(sink: ((text: string) => void) | null): void {
    this.sink = sink;
  }

  private say(text: string): void {
    this.sink?.(text);
  }

  paused(name: string, percent: number): void {
    this.say(`${name}: on hold at ${percent}%.`);
  }

  startedAgain(name: string): void {
    this.say(`${name}: started again.`);
  }

  cancelled(name: string): void {
    this.say(`${name}: ended; the server discards what it received.`);
  }

  pickedUp(name: string, percent: number): void {
    this.say(`${name}: picks up where it stopped, at ${percent}%.`);
  }

  /** Each quarter once: 25, 50 and 75 % (100 % is `finished`). */
  reachedQuarter(name: string, quarter: number): void {
    this.say(`${name}: ${quarter}% uploaded.`);
  }

  finished(name: string): void {
    this.say(`${name}: finished uploading.`);
  }

  fileChanged(name: string): void {
    this.say(`${name}: stopped, the file changed.`);
  }

  wentOffline(): void {
    this.say('The connection is gone. Uploads carry on by themselves once it is back.');
  }

  cameOnline(): void {
    this.say('Back online: continuing uploads.');
  }

  /** The video's state after the upload (the item's own alert says why it failed). */
  readyToWatch(name: string): void {
    this.say(`${name}: the video can be watched now.`);
  }

  cannotBeProcessed(name: string): void {
    this.say(`${name}: the server could not process the video.`);
  }

  pausedAll(): void {
    this.say('All uploads are on hold.');
  }

  resumedAll(): void {
    this.say('Uploads go on, one after another.');
  }

  cancelledAll(count: number): void {
    this.say(`${count === 1 ? 'One upload' : `${count} uploads`} ended; the server discards what it received.`);
  }

  cleared(count: number): void {
    this.say(`${count === 1 ? 'One finished upload' : `${count} finished uploads`} removed from the list.`);
  }
}
