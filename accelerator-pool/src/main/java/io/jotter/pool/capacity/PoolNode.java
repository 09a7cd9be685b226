package io.jotter.pool.capacity;

/**
 * A machine (a Kubernetes node, or this server for the local backend) that runs runtimes of one type.
 *
 * @param name unique in the pool
 * @param runtimeType the type it serves; a node pool carries one kind of accelerator
 * @param slots how many accelerators it has, or for a CPU type how many runtimes it holds
 */
public record PoolNode(String name, String runtimeType, int slots) {
    public PoolNode {
        if (slots < 0) {
            throw new IllegalArgumentException("node " + name + " has a negative number of slots");
        }
    }
}
