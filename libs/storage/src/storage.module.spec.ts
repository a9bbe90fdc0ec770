import { Test } from '@nestjs/testing';
import { createTestDatabase, TestDatabase } from '@hp/testing';
import { Database } from './driver/database';
import { MigrationRunner } from './migrations/migration-runner';
import { SchemaMigrationsRepository } from './migrations/schema-migrations.repository';
import { DATABASE, STORAGE_REPOSITORIES, StorageModule } from './storage.module';

describe('StorageModule', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.drop());

  it('opens the database, migrates on boot, provides every repository and closes on shutdown', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({
          databaseUrl: database.url,
          dataDir: 'unused',
          poolSize: 2,
          migrateOnBoot: true,
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();

    const db = app.get<Database>(DATABASE);
    expect(db.features).toMatchObject({ driver: 'pg', timescale: false });
    for (const repository of STORAGE_REPOSITORIES) expect(app.get(repository)).toBeInstanceOf(repository);
    await expect(app.get(MigrationRunner).run()).resolves.toEqual({ applied: [] });
    expect((await app.get(SchemaMigrationsRepository).list()).length).toBeGreaterThan(0);

    await app.close();
    await expect(db.query('SELECT 1')).rejects.toThrow(/pool/i);
  });

  it('leaves the schema alone when migrateOnBoot is false', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({ databaseUrl: database.url, dataDir: 'unused', migrateOnBoot: false }),
      ],
    }).compile();
    const app = await moduleRef.createNestApplication({ logger: false }).init();
    const db = app.get<Database>(DATABASE);
    const { rows } = await db.query(`SELECT to_regclass('schema_migrations') AS t`);
    expect(rows[0]).toEqual({ t: null });
    await app.close();
  });
});
