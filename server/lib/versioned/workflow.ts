/**
 * A record's workflow as one table: each step names the statuses it may start from, the status it leads
 * to and the policy action that says who may take it. The service checks steps with it, the policy is
 * asked with the step's action, and pages receive the list of steps allowed now (they decide nothing).
 */
export type WorkflowStep<S extends string, A extends string, R> = {
  from: readonly S[];
  to: S;
  /** The policy action that decides who may take the step. */
  who: A;
  /** A further condition on the record (e.g. "has been published at least once"). */
  only?: (record: R) => boolean;
  /** The step needs a reason, which goes to the record's thread. */
  reason?: true;
};

export type Workflow<S extends string, A extends string, R, K extends string> = {
  readonly steps: Readonly<Record<K, WorkflowStep<S, A, R>>>;
  /** Whether the record is in a state the step may start from. */
  startsFrom(step: K, record: R & { status: S }): boolean;
  /** The steps this caller may take on this record now, in table order. */
  allowed(record: R & { status: S }, may: (action: A) => boolean): K[];
};

/** `defineWorkflow<Status, PolicyAction, Record>()({ step: { from, to, who } })`: the step names are inferred. */
export const defineWorkflow =
  <S extends string, A extends string, R>() =>
  <const K extends string>(steps: Record<K, WorkflowStep<S, A, R>>): Workflow<S, A, R, K> =>
    workflowOf(steps);

function workflowOf<S extends string, A extends string, R, K extends string>(steps: Record<K, WorkflowStep<S, A, R>>): Workflow<S, A, R, K> {
  const startsFrom = (key: K, record: R & { status: S }) => {
    const step = steps[key];
    return step.from.includes(record.status) && (step.only?.(record) ?? true);
  };
  return {
    steps,
    startsFrom,
    allowed: (record, may) => (Object.keys(steps) as K[]).filter((key) => startsFrom(key, record) && may(steps[key].who)),
  };
}
