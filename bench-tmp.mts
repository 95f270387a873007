import { signingBench } from './bench/signing.ts';
await signingBench();
