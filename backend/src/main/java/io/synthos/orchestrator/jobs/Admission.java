package io.synthos.orchestrator.jobs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which candidates may start: in claim order, a job is admitted while its pool's running
 * allocations plus its request stay within 80% of the pool's capacity. A job that does not fit is
 * skipped, not blocking smaller jobs behind it. Jobs of {@link MlPool#NONE} need no admission.
 *
 * <p>A job larger than the 80% line but within the pool's capacity would otherwise never start (a
 * validation asks two cores; a two-core machine's line is 1.6): an idle pool admits it alone, and
 * nothing else joins it until it ends.
 */
public final class Admission {

  private final Map<MlPool, Resources> budget = new EnumMap<>(MlPool.class);
  private final Map<MlPool, Resources> capacity;
  private final Set<MlPool> idle = EnumSet.noneOf(MlPool.class);

  /**
   * @param capacity each pool's capacity (a pool without one admits nothing)
   * @param allocated each pool's resources held by running jobs
   */
  public Admission(Map<MlPool, Resources> capacity, Map<MlPool, Resources> allocated) {
    this.capacity = Map.copyOf(capacity);
    capacity.forEach(
        (pool, total) -> {
          Resources held = allocated.getOrDefault(pool, Resources.NONE);
          budget.put(pool, total.admissible().minus(held));
          if (held.equals(Resources.NONE)) {
            idle.add(pool);
          }
        });
  }

  /** The admitted candidates, in the order given; {@code refused} receives the others. */
  public <T> List<T> admit(
      List<T> candidates,
      Function<T, MlPool> pool,
      Function<T, Resources> request,
      List<T> refused) {
    List<T> admitted = new ArrayList<>();
    for (T candidate : candidates) {
      MlPool target = pool.apply(candidate);
      if (target == MlPool.NONE) {
        admitted.add(candidate);
        continue;
      }
      Resources left = budget.get(target);
      Resources wanted = request.apply(candidate);
      if (left != null && left.fits(wanted)) {
        budget.put(target, left.minus(wanted));
        idle.remove(target);
        admitted.add(candidate);
      } else if (idle.remove(target) && capacity.get(target).fits(wanted)) {
        budget.put(target, Resources.NONE);
        admitted.add(candidate);
      } else {
        refused.add(candidate);
      }
    }
    return admitted;
  }
}
