package io.jotter.learn;

/** A dataset cut in two: train on {@link #train()}, measure on {@link #test()}, which training never sees. */
public record Split(Dataset train, Dataset test) {
    /**
     * Both sets with each feature shifted and scaled to mean 0 and deviation 1, using the training
     * set's means and deviations only (the test set must not leak into training).
     */
    public Split standardized() {
        double[][] moments = train.moments();
        return new Split(train.standardized(moments[0], moments[1]), test.standardized(moments[0], moments[1]));
    }

    @Override
    public String toString() {
        return "Split: train " + train.size() + " samples, test " + test.size();
    }
}
