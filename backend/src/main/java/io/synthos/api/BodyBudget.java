package io.synthos.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON body bytes the API may hold at once, shared by all its verticle instances on a node.
 * Bodies are read before anyone is authenticated, so without it a burst of large bodies on many
 * connections could fill the heap: each one the limit allows, times as many as arrive. A request
 * reserves its declared length (the body limit when it does not say) before its body is read and
 * gives it back when its response is done; one that does not fit is answered 503 at once.
 */
public final class BodyBudget {

  private final long capacity;
  private final AtomicLong held = new AtomicLong();

  public BodyBudget(long capacityBytes) {
    this.capacity = capacityBytes;
  }

  /** Takes {@code bytes} from the budget if they fit. */
  boolean reserve(long bytes) {
    long now;
    do {
      now = held.get();
      if (now + bytes > capacity) {
        return false;
      }
    } while (!held.compareAndSet(now, now + bytes));
    return true;
  }

  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /** The bytes reserved now. */
  long held() {
    return held.get();
  }
}
