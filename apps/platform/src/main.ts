// Embedded mode: API, ingestion and worker in one process, on embedded TimescaleDB and MQTT unless
// DATABASE_URL / MQTT_URL / REDIS_URL point at real services.
import { bootstrapPlatform, runMain } from '@hp/runtime';

runMain(bootstrapPlatform);
