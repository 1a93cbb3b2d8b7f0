import pino from 'pino';
import { createEventBus } from '../../server/lib/domain-events';

const event = { practiceId: 'a'.repeat(24), title: 'T', city: 'daugavpils', actorId: 'b'.repeat(24), actorName: 'Ann' };

/** A logger that keeps what it was asked to log at error level. */
function recordingLogger() {
  const errors: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'error' },
    { write: (line: string) => void errors.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, errors };
}

describe('the in-process event bus', () => {
  it('when an event is published, then every subscriber of that name runs before publish resolves, and others do not', async () => {
    const { logger } = recordingLogger();
    const bus = createEventBus(logger);
    const seen: string[] = [];
    bus.subscribe('practice.published', (e) => {
      seen.push(`one:${e.title}`);
      return Promise.resolve();
    });
    bus.subscribe('practice.published', (e) => {
      seen.push(`two:${e.title}`);
      return Promise.resolve();
    });
    bus.subscribe('practice.rejected', () => {
      seen.push('rejected');
      return Promise.resolve();
    });

    await bus.publish('practice.published', event);

    expect(seen.sort()).toEqual(['one:T', 'two:T']);
  });

  it('when a subscriber fails, then publish still resolves, the others still run, and the failure is logged', async () => {
    const { logger, errors } = recordingLogger();
    const bus = createEventBus(logger);
    const seen: string[] = [];
    bus.subscribe('practice.commented', () => Promise.reject(new Error('database gone')));
    bus.subscribe('practice.commented', () => {
      seen.push('ran');
      return Promise.resolve();
    });

    await expect(bus.publish('practice.commented', event)).resolves.toBeUndefined();

    expect(seen).toEqual(['ran']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      event: 'practice.commented',
      msg: 'a subscriber failed; the action itself stands',
    });
  });

  it('when nobody subscribes, then publishing does nothing', async () => {
    const { logger, errors } = recordingLogger();
    await createEventBus(logger).publish('practice.submitted', { ...event, resubmitted: false });
    expect(errors).toEqual([]);
  });
});
