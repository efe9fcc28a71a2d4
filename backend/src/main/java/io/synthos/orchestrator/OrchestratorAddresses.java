package io.synthos.orchestrator;

/**
 * Event-bus addresses the orchestrator consumes or publishes; {@link OrchestratorClient} calls
 * them.
 */
public final class OrchestratorAddresses {

  public static final String JOBS_SUBMIT = "orchestrator.jobs.submit";
  public static final String JOBS_GET = "orchestrator.jobs.get";
  public static final String JOBS_LIST = "orchestrator.jobs.list";
  public static final String JOBS_CANCEL = "orchestrator.jobs.cancel";
  public static final String JOBS_RETRY = "orchestrator.jobs.retry";
  public static final String QUEUE_STATS = "orchestrator.queue.stats";
  public static final String PIPELINES_CREATE = "orchestrator.pipelines.create";
  public static final String PIPELINES_GET = "orchestrator.pipelines.get";
  public static final String PIPELINES_CANCEL = "orchestrator.pipelines.cancel";
  public static final String DATASETS_INGEST = "orchestrator.datasets.ingest";
  public static final String DATASETS_USERS = "orchestrator.datasets.users";

  /**
   * Published to every node: stop the job with {@code job_id} if it runs here (it was cancelled).
   */
  public static final String JOBS_STOP = "orchestrator.jobs.stop";

  /** Published on every job or pipeline state change: {@code JobEvent} JSON. */
  public static final String JOB_EVENTS = "jobs.events";

  /** Published when work is enqueued, so idle schedulers on every node claim at once. */
  public static final String WAKE = "orchestrator.wake";

  /**
   * Published by every orchestrator node every few seconds and whenever one changes: {@code
   * {"node_id", "breakers": {service: CLOSED|OPEN|HALF_OPEN}}}.
   */
  public static final String BREAKERS = "orchestrator.breakers";

  /**
   * Published on this node only when the cluster reports a member gone; body: its node id. Every
   * orchestrator re-queues the jobs that node leased.
   */
  public static final String MEMBER_GONE = "orchestrator.members.gone";

  /** Health of the database and the ML services: body {@code {"check": name}}. */
  public static final String HEALTH = "orchestrator.health";

  private OrchestratorAddresses() {}
}
