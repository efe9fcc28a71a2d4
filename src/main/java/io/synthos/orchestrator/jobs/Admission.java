package io.synthos.orchestrator.jobs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides which candidates may start: in claim order, a job is admitted while its pool's running
 * allocations plus its request stay within 80% of the pool's capacity. A job that does not fit is
 * skipped, not blocking smaller jobs behind it. Jobs of {@link MlPool#NONE} need no admission.
 */
public final class Admission {

  private final Map<MlPool, Resources> budget = new EnumMap<>(MlPool.class);

  /**
   * @param capacity each pool's capacity (a pool without one admits nothing)
   * @param allocated each pool's resources held by running jobs
   */
  public Admission(Map<MlPool, Resources> capacity, Map<MlPool, Resources> allocated) {
    capacity.forEach(
        (pool, total) ->
            budget.put(
                pool, total.admissible().minus(allocated.getOrDefault(pool, Resources.NONE))));
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
        admitted.add(candidate);
      } else {
        refused.add(candidate);
      }
    }
    return admitted;
  }
}
