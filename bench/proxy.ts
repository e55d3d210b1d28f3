/** The round-robin balancer of the tests as its own process (so the bench can measure its CPU). */
import { startRoundRobinProxy } from '../e2e/fixtures/round-robin-proxy';

const ports = process.argv.slice(2).map(Number);
const proxy = await startRoundRobinProxy(ports);
console.log(`listening on ${proxy.port}`);
