import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { waitFor } from '@hp/testing';
import { JOB_QUEUE, JobContext, JobQueue } from './job-queue';
import { defineJob, JobCatalogue, RetryPolicy } from './jobs';
import { OnJob } from './on-job';
import { QueueModule } from './queue.module';

const ONCE: RetryPolicy = { attempts: 1, backoff: { type: 'fixed', delayMs: 1 } };
const QUEUE = { name: 'discovery-spec' };
const PING = defineJob<{ readonly n: number }>({ name: 'spec.ping', queue: QUEUE, retry: ONCE });
const PONG = defineJob<{ readonly n: number }>({ name: 'spec.pong', queue: QUEUE, retry: ONCE });

const seen: [string, number, number][] = [];

@Injectable()
class PingFeature {
  @OnJob(PING)
  async ping({ n }: { n: number }, context: JobContext): Promise<void> {
    seen.push(['ping', n, context.attempt]);
  }
}

@Injectable()
class PongFeature {
  @OnJob(PONG)
  async pong({ n }: { n: number }): Promise<void> {
    seen.push(['pong', n, 0]);
  }
}

@Injectable()
class SecondPing {
  @OnJob(PING)
  async alsoPing(): Promise<void> {
    seen.push(['second', 0, 0]);
  }
}

/** A worker-like app: the given features, consuming the catalogue on the in-process driver. */
async function boot(catalogue: JobCatalogue, ...features: (new () => object)[]) {
  @Module({ providers: features })
  class Features {}
  @Module({ imports: [QueueModule.forRoot({ driver: 'in-process', consume: catalogue }), Features] })
  class App {}
  return NestFactory.createApplicationContext(App, { logger: false, abortOnError: false });
}

async function until(predicate: () => boolean): Promise<void> {
  await waitFor(predicate, { timeoutMs: 5_000, intervalMs: 5 });
}

describe('@OnJob', () => {
  beforeEach(() => seen.splice(0));

  it('finds the processors declared on the features at start and runs each job on its own', async () => {
    const app = await boot([PING, PONG], PingFeature, PongFeature);
    try {
      const queue = app.get<JobQueue>(JOB_QUEUE);
      await queue.add(PING, { n: 1 });
      await queue.add(PONG, { n: 2 });
      await until(() => seen.length === 2);
      expect(seen.sort()).toEqual([
        ['ping', 1, 1],
        ['pong', 2, 0],
      ]);
    } finally {
      await app.close();
    }
  });

  it('stops the start when a job of the catalogue has no processor, naming the job', async () => {
    await expect(boot([PING, PONG], PingFeature)).rejects.toThrow(
      'job "spec.pong" of queue "discovery-spec" has no processor',
    );
  });

  it('stops the start when a job has two processors, naming the job and both methods', async () => {
    await expect(boot([PING, PONG], PingFeature, PongFeature, SecondPing)).rejects.toThrow(
      /job "spec\.ping" already has a processor \((PingFeature\.ping|SecondPing\.alsoPing)\); (SecondPing\.alsoPing|PingFeature\.ping) is a second one/,
    );
  });

  it('refuses two @OnJob on one method', () => {
    expect(() => {
      class Twice {
        @OnJob(PONG)
        @OnJob(PING)
        async both(): Promise<void> {}
      }
      return Twice;
    }).toThrow('Twice.both: one @OnJob per method');
  });
});
