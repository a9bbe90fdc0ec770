// BullMQ job processors.
import { bootstrapWorker, runMain } from '@hp/runtime';

runMain(bootstrapWorker);
