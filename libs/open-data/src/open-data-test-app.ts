// Test support (not exported): the open-data routes, and the compliance routes they import, served over HTTP
// on a throwaway PostgreSQL database, with no sign-in in front of them.
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ComplianceDataModule } from '@hp/compliance';
import { StorageModule } from '@hp/storage';
import { RegistryDataModule } from '@hp/registry';
import { createTestDatabase } from '@hp/testing';
import { OpenDataModule } from './open-data.module';
import { ReadingsDataModule } from '@hp/readings';

export interface OpenDataTestApp {
  readonly app: INestApplication;
  /** http://127.0.0.1:port, no /api prefix. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startOpenDataApp(): Promise<OpenDataTestApp> {
  const database = await createTestDatabase();
  const moduleRef = await Test.createTestingModule({
    imports: [
      StorageModule.forRoot({
        databaseUrl: database.url,
        dataDir: 'unused',
        poolSize: 4,
        migrateOnBoot: true,
      }),
      RegistryDataModule,
      ReadingsDataModule,
      ComplianceDataModule,
      OpenDataModule.forRoot(),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
