/** Time for the sync engine, injected so tests drive it instead of sleeping: the runtime's one Clock. */
export { systemClock, type Clock } from '../clock.js';
