// HTTP API: registry, readings, health; OpenAPI at /api/docs.
import { bootstrapApi, runMain } from '@hp/runtime';

runMain(bootstrapApi);
