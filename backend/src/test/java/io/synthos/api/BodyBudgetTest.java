package io.synthos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API holds at most HTTP_BODY_BUDGET_MB of request bodies at once (here 1 MiB, with bodies of
 * at most 256 KiB): four large bodies on their way fill it, a fifth is refused at once with 503 and
 * Retry-After, requests without a body still pass, and a finished body frees its share.
 */
@DisplayName("The request-body budget")
class BodyBudgetTest {

  private static final int LIMIT = 256 * 1024;

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          Map.of("HTTP_BODY_LIMIT_BYTES", String.valueOf(LIMIT), "HTTP_BODY_BUDGET_MB", "1"));

  @Test
  @DisplayName(
      "bodies beyond the budget are refused 503 before they are read; a finished one frees room")
  void bounded() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Socket socket = new Socket("127.0.0.1", node.config().http().port());
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(headers(LIMIT));
        socket.getOutputStream().write("{\"email\": \"".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        held.add(socket);
      }
      // Full once the server has read the four requests' heads: even one byte does not fit.
      await().atMost(Duration.ofSeconds(10)).until(() -> status(oneByte()) == 503);

      String refused = exchange(headers(LIMIT));
      assertThat(refused).startsWith("HTTP/1.1 503");
      assertThat(refused).containsIgnoringCase("content-type: application/problem+json");
      assertThat(refused).containsIgnoringCase("retry-after: 1");
      assertThat(refused).contains("server-busy");
      assertThat(HttpProbe.get(node.url("/health")).status())
          .as("no body, no budget")
          .isEqualTo(200);

      Socket first = held.remove(0);
      byte[] rest = new byte[LIMIT - "{\"email\": \"".length()];
      java.util.Arrays.fill(rest, (byte) 'a');
      first.getOutputStream().write(rest);
      first.getOutputStream().flush();
      String answered = readResponseHead(first.getInputStream());
      assertThat(answered)
          .as("the held body is read and answered")
          .doesNotStartWith("HTTP/1.1 503");
      first.close();

      await().atMost(Duration.ofSeconds(10)).until(() -> status(oneByte()) != 503);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  private static byte[] headers(int length) {
    return ("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + length
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String oneByte() throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(headers(1));
    request.write('{');
    return exchange(request.toByteArray());
  }

  private static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  /** Sends {@code request} on a new connection and reads the head of the answer. */
  private static String exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.config().http().port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return readResponseHead(socket.getInputStream());
    }
  }

  /** The status line, headers and as much of the body as has arrived with them. */
  private static String readResponseHead(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      received.write(buffer, 0, n);
    }
    String text = received.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end >= 0 && text.length() > end + 4) {
      return text;
    }
    int more = in.read(buffer);
    return more > 0 ? text + new String(buffer, 0, more, StandardCharsets.UTF_8) : text;
  }
}
