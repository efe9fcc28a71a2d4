package io.synthos.ml.common;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * TLS of an ML service from its deployment config: {@code tlsCertFile} and {@code tlsKeyFile} (PEM)
 * make its gRPC server speak TLS; {@code tlsTrustFile} is what its own gRPC calls trust. Without
 * them, plain HTTP/2.
 */
public final class ServiceTls {

  private ServiceTls() {}

  public static HttpServerOptions server(JsonObject config) {
    String cert = config.getString("tlsCertFile");
    String key = config.getString("tlsKeyFile");
    HttpServerOptions options = new HttpServerOptions();
    if (cert == null || key == null) {
      return options;
    }
    return options
        .setSsl(true)
        .setUseAlpn(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert).setKeyPath(key));
  }

  public static HttpClientOptions client(JsonObject config) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setHttp2ClearTextUpgrade(false);
    String trust = config.getString("tlsTrustFile");
    if (trust == null) {
      return options;
    }
    return options
        .setSsl(true)
        .setUseAlpn(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(trust));
  }
}
