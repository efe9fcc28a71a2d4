package io.synthos.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Free ports")
class FreePortTest {

  @Test
  @DisplayName("are never handed out twice, though the system may offer a released one again")
  void neverTwice() {
    List<Integer> ports = IntStream.range(0, 1_000).mapToObj(i -> FreePort.find()).toList();

    assertThat(ports).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("can be listened on")
  void free() throws IOException {
    int port = FreePort.find();
    try (ServerSocket server = new ServerSocket(port)) {
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }
}
