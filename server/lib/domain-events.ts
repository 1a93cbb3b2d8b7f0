import type { Logger } from './logger';

/** Who did it: never told about their own action. */
type By = { actorId: string; actorName: string };
type PracticeRef = { practiceId: string; title: string; city: string };
type RecommendationRef = { recommendationId: string; title: string };

/**
 * What the features announce when something happens that other people may need to hear of. The
 * features that act publish; others (notifications) subscribe, so neither imports the other.
 */
export type DomainEvents = {
  'practice.submitted': PracticeRef & By & { resubmitted: boolean };
  'practice.changes-requested': PracticeRef & By;
  'practice.rejected': PracticeRef & By;
  'practice.published': PracticeRef & By;
  'practice.commented': PracticeRef & By;
  /** A practice cited as evidence in a recommendation its authors may read. */
  'recommendation.cited': RecommendationRef & By & { practice: PracticeRef };
  'recommendation.commented': RecommendationRef & By;
};
export type DomainEventName = keyof DomainEvents;

export type DomainEventHandler<K extends DomainEventName> = (payload: DomainEvents[K]) => Promise<void>;

export type EventPublisher = {
  /**
   * Runs every subscriber and waits for them, so what they record exists when the response leaves; a
   * subscriber's failure is logged and never fails the action that was announced.
   */
  publish<K extends DomainEventName>(name: K, payload: DomainEvents[K]): Promise<void>;
};

export type EventBus = EventPublisher & {
  subscribe<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void;
};

/** One in-process bus per app (createServices); nothing leaves the process. */
export function createEventBus(logger: Logger): EventBus {
  const handlers = new Map<DomainEventName, DomainEventHandler<never>[]>();
  return {
    subscribe(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler]);
    },
    async publish(name, payload) {
      const list = (handlers.get(name) ?? []) as unknown as DomainEventHandler<typeof name>[];
      await Promise.all(
        list.map(async (handler) => {
          try {
            await handler(payload);
          } catch (err) {
            logger.error({ err, event: name }, 'a subscriber failed; the action itself stands');
          }
        }),
      );
    },
  };
}
