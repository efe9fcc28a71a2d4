/**
 * SDMetrics-style machine-learning metrics without an ML library: {@link
 * io.synthos.ml.stats.learn.Utility} (train on synthetic, test on real, against train on real) and
 * {@link io.synthos.ml.stats.learn.Detection} (can a discriminator tell real from synthetic rows).
 *
 * <p>The models are small and exact: L2 logistic regression and ridge with scikit-learn's default
 * objectives, metrics as scikit-learn defines them. Every random choice (the utility's 80/20 split,
 * the detection's subsample and folds) comes from {@link io.synthos.ml.stats.learn.SplitMix64} and
 * its Fisher–Yates shuffle, which {@code bench/reference/learn_reference.py} mirrors, so a seed
 * picks the same rows in Java and in the numpy/scipy reference that the tests compare against
 * (fixtures in {@code src/test/resources/validation/learn}, written by its {@code
 * make_fixtures.py}).
 *
 * <p>The computations are CPU-bound and synchronous: call them from a worker, not an event loop.
 * They check {@link io.synthos.ml.stats.Progress} at every optimiser iteration.
 */
package io.synthos.ml.stats.learn;
