// MQTT telemetry consumer (run several: they share the stream through an MQTT 5 shared subscription).
import { bootstrapIngestion, runMain } from '@hp/runtime';

runMain(bootstrapIngestion);
