import { Client } from 'pg';
import { createTestDatabase, TestDatabase, waitFor } from '@hp/testing';
import { openPgDatabase } from './pg-database';

// Found by the cluster drill: at a database failover, a client checked out for a transaction lost its
// connection between two queries, pg emitted 'error' on it with no listener, and the ingestion replica died.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(() => database?.drop());

it('fails the transaction whose connection is cut between two queries, and the process lives on', async () => {
  const db = await openPgDatabase(database.url, 2);
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  try {
    let terminated = false;
    const outcome = db.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // The server ends this session while the transaction waits between its queries.
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      terminated = true;
      await waitFor(
        async () =>
          (await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1', [rows[0]!.pid]))
            .rows[0].n === '0',
        {
          timeoutMs: 10_000,
          description: 'the session gone',
        },
      );
      await tx.query('SELECT 1');
    });
    await expect(outcome).rejects.toThrow();
    expect(terminated).toBe(true);
    // The pool still serves: a new connection replaces the lost one.
    await expect(db.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  } finally {
    await admin.end();
    await db.close();
  }
});
