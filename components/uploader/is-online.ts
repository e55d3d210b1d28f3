/** The browser's word on the network; outside a browser (server render), online. */
export function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}
