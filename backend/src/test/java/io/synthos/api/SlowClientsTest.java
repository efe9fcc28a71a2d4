package io.synthos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that send a body too slowly (slow loris) lose their connection, not the server's time.
 */
@Tag("slow")
@DisplayName("Slow clients")
class SlowClientsTest {

  @RegisterExtension static final NodeExtension node = new NodeExtension();

  @Test
  @DisplayName("a body that never finishes is answered 408 problem+json and the connection closed")
  void trickledBody() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", node.config().http().port())) {
      slow.setSoTimeout((int) BodyReader.BODY_DEADLINE.plusSeconds(20).toMillis());
      slow.getOutputStream()
          .write(
              ("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"em")
                  .getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();

      // Meanwhile the server answers others at once.
      assertThat(HttpProbe.get(node.url("/health")).status()).isEqualTo(200);

      long started = System.nanoTime();
      String answer = readUntilClosed(slow.getInputStream());
      Duration waited = Duration.ofNanos(System.nanoTime() - started);

      assertThat(answer).startsWith("HTTP/1.1 408");
      assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
      assertThat(answer).contains("request-timeout");
      assertThat(waited).isLessThan(BodyReader.BODY_DEADLINE.plusSeconds(15));
    }
  }

  /** Everything the server sends until it closes the connection. */
  private static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n; (n = in.read(buffer)) != -1; ) {
      received.write(buffer, 0, n);
    }
    return received.toString(StandardCharsets.UTF_8);
  }
}
