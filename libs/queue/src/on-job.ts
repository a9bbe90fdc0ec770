import { Inject, Injectable, OnApplicationBootstrap, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { JOB_CATALOGUE, JOB_QUEUE, JobContext, JobQueue, JobRegistrationError } from './job-queue';
import { JobCatalogue, JobDefinition } from './jobs';

const ON_JOB = 'hp:on-job';

/**
 * Marks a provider's method as the processor of a job, declared in the feature that owns the job. The
 * queue module finds every marked method at start; a job with two processors stops the process, and a
 * worker stops when a job of the platform's catalogue has none.
 */
export function OnJob<P>(job: JobDefinition<P>) {
  return <T extends (payload: P, context: JobContext) => Promise<void>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    if (descriptor.value && Reflect.getMetadata(ON_JOB, descriptor.value))
      throw new Error(`${target.constructor.name}.${String(key)}: one @OnJob per method`);
    SetMetadata(ON_JOB, job)(target, key, descriptor);
  };
}

/** The `@OnJob` methods of an object, bound to it, with the name of their owner for error messages. */
export function jobHandlersOf(
  instance: object,
  scanner = new MetadataScanner(),
): {
  job: JobDefinition;
  handler: (payload: unknown, context: JobContext) => Promise<void>;
  owner: string;
}[] {
  const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
  return scanner.getAllMethodNames(prototype).flatMap((method) => {
    const fn = prototype[method];
    const job =
      typeof fn === 'function' ? (Reflect.getMetadata(ON_JOB, fn) as JobDefinition | undefined) : undefined;
    if (!job) return [];
    const bound = (fn as (payload: unknown, context: JobContext) => Promise<void>).bind(instance);
    return [{ job, handler: bound, owner: `${instance.constructor.name}.${method}` }];
  });
}

/** Registers the `@OnJob` methods of these objects as processors (the module does it for every provider). */
export function registerJobHandlers(queue: JobQueue, ...instances: object[]): void {
  for (const instance of instances)
    for (const { job, handler, owner } of jobHandlersOf(instance)) queue.process(job, handler, owner);
}

/**
 * At application bootstrap (after every module's onModuleInit has run), registers the `@OnJob` methods of
 * all providers; in a consuming process it then starts the workers, which checks the catalogue.
 */
@Injectable()
export class JobHandlerDiscovery implements OnApplicationBootstrap {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(JOB_CATALOGUE) private readonly catalogue: JobCatalogue | null,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A provider aliased under a second token (useExisting) is one instance: registered once.
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const prototype: unknown = wrapper.metatype?.prototype;
      if (!wrapper.isDependencyTreeStatic()) {
        // A request-scoped provider has no instance to run a job on: refuse rather than never run it.
        const marked =
          prototype && typeof prototype === 'object'
            ? jobHandlersOf(Object.create(prototype) as object, this.scanner)
            : [];
        if (marked.length > 0)
          throw new JobRegistrationError(`${marked[0].owner}: a job processor must be a singleton provider`);
        continue;
      }
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      for (const { job, handler, owner } of jobHandlersOf(instance, this.scanner))
        this.queue.process(job, handler, owner);
    }
    if (this.catalogue) await this.queue.startWorkers({ catalogue: this.catalogue });
  }
}
