package io.synthos.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Blocks of work on several threads")
class BlockWorkTest {

  @Test
  @DisplayName("runs every block once, on any thread count")
  void everyBlockOnce() {
    for (int threads : new int[] {1, 2, 4}) {
      int[] seen = new int[100];
      try (BlockWork work = new BlockWork(Progress.NONE, "test", threads)) {
        work.run(seen.length, 0, 1, block -> seen[block]++);
      }
      assertThat(seen).as("%d threads", threads).containsOnly(1);
    }
  }

  @Test
  @DisplayName("runs no block, on any thread, once the caller has gone")
  void cancelledBeforeARun() {
    for (int threads : new int[] {1, 2}) {
      AtomicInteger ran = new AtomicInteger();
      Progress gone = Gone.PROGRESS;
      try (BlockWork work = new BlockWork(gone, "test", threads)) {
        assertThatThrownBy(() -> work.run(10, 0, 1, block -> ran.incrementAndGet()))
            .isInstanceOf(Progress.Cancelled.class);
      }
      assertThat(ran).as("%d threads", threads).hasValue(0);
    }
  }
}
