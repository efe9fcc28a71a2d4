package io.synthos.platform.http;

import java.util.Map;

/**
 * Every kind of problem Synthos names: its slug (the {@code type} is {@code /problems/<slug>}), the
 * status it is answered with and its title. Slug, status and title are part of the public contract
 * and never change for a type; what varies from one occurrence to the next goes in the detail.
 * Problems whose status says it all (an unknown path, a wrong method) are {@code about:blank}
 * instead, made by {@link Problem#ofStatus}.
 */
public enum ProblemType {
  // 400: the request cannot be read, or a value in it is not one the API takes.
  MALFORMED_REQUEST("malformed-request", 400, "Bad Request"),
  VALIDATION_FAILED("validation-failed", 400, "Bad Request"),
  INVALID_TEXT("invalid-text", 400, "Bad Request"),
  INVALID_CURSOR("invalid-cursor", 400, "Bad Request"),
  INVALID_EMAIL("invalid-email", 400, "Bad Request"),
  INVALID_NAME("invalid-name", 400, "Bad Request"),
  WEAK_PASSWORD("weak-password", 400, "Bad Request"),
  UNKNOWN_JOB_TYPE("unknown-job-type", 400, "Bad Request"),
  INVALID_JOB("invalid-job", 400, "Bad Request"),
  INVALID_PIPELINE("invalid-pipeline", 400, "Bad Request"),
  INVALID_DATASET_REFERENCE("invalid-dataset-reference", 400, "Bad Request"),
  INVALID_DATE("invalid-date", 400, "Bad Request"),
  INVALID_RANGE("invalid-range", 400, "Bad Request"),
  INVALID_LINEAGE("invalid-lineage", 400, "Bad Request"),

  // 401: no credentials, or credentials that do not hold.
  INVALID_TOKEN("invalid-token", 401, "Unauthorized"),
  INVALID_CREDENTIALS("invalid-credentials", 401, "Unauthorized"),
  INVALID_REFRESH_TOKEN("invalid-refresh-token", 401, "Unauthorized"),

  // 403: the caller is known but may not do this.
  ADMIN_ONLY("admin-only", 403, "Forbidden"),
  FORBIDDEN("forbidden", 403, "Forbidden"),
  INSUFFICIENT_SCOPE("insufficient-scope", 403, "Forbidden"),
  LOGIN_REQUIRED("login-required", 403, "Forbidden"),
  WRONG_PASSWORD("wrong-password", 403, "Forbidden"),

  // 404: nothing by that id is the caller's (someone else's id answers the same).
  NOT_FOUND("not-found", 404, "Not Found"),
  DATASET_NOT_FOUND("dataset-not-found", 404, "Not Found"),
  UPLOAD_NOT_FOUND("upload-not-found", 404, "Not Found"),

  // 408: the body did not arrive in time.
  REQUEST_TIMEOUT("request-timeout", 408, "Request Timeout"),

  // 409: the request clashes with the state of what exists.
  EMAIL_TAKEN("email-taken", 409, "Conflict"),
  TOO_MANY_API_KEYS("too-many-api-keys", 409, "Conflict"),
  JOB_STATE_CONFLICT("job-state-conflict", 409, "Conflict"),
  PIPELINE_STATE_CONFLICT("pipeline-state-conflict", 409, "Conflict"),
  VALIDATION_STATE_CONFLICT("validation-state-conflict", 409, "Conflict"),
  DATASET_NOT_READY("dataset-not-ready", 409, "Conflict"),
  DATASET_IN_USE("dataset-in-use", 409, "Conflict"),
  UPLOAD_OFFSET_MISMATCH("upload-offset-mismatch", 409, "Conflict"),
  NOT_UPLOADING("not-uploading", 409, "Conflict"),
  NOTHING_UPLOADED("nothing-uploaded", 409, "Conflict"),
  NOT_UPLOADED("not-uploaded", 409, "Conflict"),
  NOT_READY("not-ready", 409, "Conflict"),
  VALIDATION_NOT_COMPLETED("validation-not-completed", 409, "Conflict"),
  DATASET_GONE("dataset-gone", 409, "Conflict"),
  WARRANTY_CONTENDED("warranty-contended", 409, "Conflict"),
  WARRANTY_REVOKED("warranty-revoked", 409, "Conflict"),

  // 413: the body, or a part of it with a limit of its own, is too large.
  PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload Too Large"),

  // 415: the body is not sent as the operation takes it.
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported Media Type"),

  // 422: well-formed, but it cannot be carried out.
  EXCEEDS_CAPACITY("exceeds-capacity", 422, "Unprocessable Content"),
  SIZE_MISMATCH("size-mismatch", 422, "Unprocessable Content"),
  CHECKSUM_MISMATCH("checksum-mismatch", 422, "Unprocessable Content"),
  UNKNOWN_COLUMN("unknown-column", 422, "Unprocessable Content"),
  HOLDOUT_NEEDS_REFERENCE("holdout-needs-reference", 422, "Unprocessable Content"),
  IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Unprocessable Content"),
  TIER_THRESHOLDS_UNMET("tier-thresholds-unmet", 422, "Unprocessable Content"),
  INCOMPLETE_DISCLOSURE("incomplete-disclosure", 422, "Unprocessable Content"),

  // 429: too many requests or failed logins; Retry-After says when to come back.
  RATE_LIMITED("rate-limited", 429, "Too Many Requests"),
  ACCOUNT_LOCKED("account-locked", 429, "Too Many Requests"),

  // 502: a part behind the API refused in a way no step expected.
  DATA_SERVICE_REFUSED("data-service-refused", 502, "Bad Gateway"),

  // 503: a part the request needs is down or full; the client may retry, nothing was changed.
  STORE_UNAVAILABLE("store-unavailable", 503, "Service Unavailable"),
  SERVER_BUSY("server-busy", 503, "Service Unavailable"),
  AUTH_UNAVAILABLE("auth-unavailable", 503, "Service Unavailable"),
  ORCHESTRATOR_UNAVAILABLE("orchestrator-unavailable", 503, "Service Unavailable"),
  RESOURCES_UNAVAILABLE("resources-unavailable", 503, "Service Unavailable"),
  DATA_SERVICE_UNAVAILABLE("data-service-unavailable", 503, "Service Unavailable"),
  CAPACITY_UNKNOWN("capacity-unknown", 503, "Service Unavailable");

  static final String TYPE_PREFIX = "/problems/";

  private final String slug;
  private final int status;
  private final String title;

  ProblemType(String slug, int status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  /** The short stable name, such as {@code email-taken}. */
  public String slug() {
    return slug;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The problem's {@code type} member, such as {@code /problems/email-taken}. */
  public String type() {
    return TYPE_PREFIX + slug;
  }

  /** This kind of problem, with what went wrong this time for the person who sent the request. */
  public Problem problem(String detail) {
    return new Problem(type(), title, status, detail, null);
  }

  /** Shorthand for failing a future or a handler with this kind of problem. */
  public ProblemException exception(String detail) {
    return problem(detail).exception();
  }

  /** As {@link #exception(String)}, with headers the answer must carry, such as Retry-After. */
  public ProblemException exception(String detail, Map<String, String> headers) {
    return new ProblemException(problem(detail), headers);
  }
}
