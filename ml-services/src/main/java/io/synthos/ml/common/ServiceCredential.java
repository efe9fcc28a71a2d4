package io.synthos.ml.common;

import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClientRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret only Synthos's own processes hold, from the deployment config's {@code serviceSecret}:
 * every call to an ML service carries it in the {@link #HEADER} metadata (the services' own calls
 * to the data service too), and every service method checks it first ({@link CredentialGuard}).
 */
public final class ServiceCredential {

  /** The metadata key that carries the secret; the backend's callers send the same one. */
  public static final String HEADER = "synthos-service-credential";

  private final String secret;
  private final byte[] digest;

  private ServiceCredential(String secret) {
    this.secret = secret;
    this.digest = sha256(secret);
  }

  /**
   * Reads the secret once, at start-up.
   *
   * @throws IllegalArgumentException when {@code serviceSecret} is missing or empty
   */
  public static ServiceCredential from(JsonObject config) {
    return new ServiceCredential(ServiceSettings.string(config, "serviceSecret", null));
  }

  /**
   * Whether {@code presented} is the secret. Digests of equal length are compared in full, so the
   * time taken tells nothing of how much of a guess was right, nor of the secret's length.
   */
  public boolean accepts(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  /** {@code call} with the secret in its metadata. */
  public <Req, Resp> GrpcClientRequest<Req, Resp> stamp(GrpcClientRequest<Req, Resp> call) {
    call.headers().set(HEADER, secret);
    return call;
  }

  @Override
  public String toString() {
    return "(service credential)";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
