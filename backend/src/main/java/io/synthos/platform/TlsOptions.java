package io.synthos.platform;

import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;

/**
 * Turns the configured PEM files into server and client options: HTTPS and TLS when a certificate
 * is configured, plain HTTP otherwise (the embedded default).
 */
public final class TlsOptions {

  /** One year, subdomains included: browsers then refuse plain HTTP to this host. */
  public static final String HSTS = "max-age=31536000; includeSubDomains";

  private TlsOptions() {}

  /** {@code base} with the certificate and key, and ALPN so gRPC can negotiate HTTP/2. */
  public static HttpServerOptions server(SynthosConfig.Tls tls, HttpServerOptions base) {
    HttpServerOptions options = new HttpServerOptions(base);
    if (!tls.enabled()) {
      return options;
    }
    return options
        .setSsl(true)
        .setUseAlpn(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(tls.certFile().orElseThrow().toString())
                .setKeyPath(tls.keyFile().orElseThrow().toString()));
  }

  /** HTTP/2 client options for a gRPC client: TLS with the trusted certificates when enabled. */
  public static HttpClientOptions grpcClient(SynthosConfig.Tls tls) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setHttp2ClearTextUpgrade(false);
    if (!tls.enabled()) {
      return options;
    }
    return options
        .setSsl(true)
        .setUseAlpn(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(tls.trusted().orElseThrow().toString()));
  }

  /** Adds Strict-Transport-Security to every response of {@code router} when serving HTTPS. */
  public static void hsts(SynthosConfig.Tls tls, Router router) {
    if (tls.enabled()) {
      router
          .route()
          .order(-1)
          .handler(
              rc -> {
                rc.response().putHeader("Strict-Transport-Security", HSTS);
                rc.next();
              });
    }
  }

  /** The scheme a browser or client uses for this node's HTTP ports. */
  public static String scheme(SynthosConfig.Tls tls) {
    return tls.enabled() ? "https" : "http";
  }
}
