package io.jotter.pool.capacity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes of a pool and what is free on each. Placement is best fit: the node with the fewest free slots that
 * still fit, so whole nodes stay free for runtimes that need several accelerators. Finding it costs at most one
 * look per possible free count, whatever the number of nodes.
 *
 * <p>Not thread-safe: one scheduler thread owns a pool.
 */
public final class CapacityPool {
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, TypeIndex> byType = new HashMap<>();

    public CapacityPool(List<PoolNode> nodes) {
        nodes.forEach(this::add);
    }

    /** Adds a node (a new one joined the node pool), or replaces one whose slots changed, keeping what runs on it. */
    public void add(PoolNode node) {
        Node existing = nodes.get(node.name());
        int used = existing == null ? 0 : existing.spec.slots() - existing.free;
        if (existing != null) {
            index(existing.spec.runtimeType()).remove(existing);
        }
        Node fresh = new Node(node, Math.max(0, node.slots() - used));
        nodes.put(node.name(), fresh);
        index(node.runtimeType()).insert(fresh);
    }

    /** Takes a node out of the pool; what ran there is gone with it. */
    public void remove(String nodeName) {
        Node node = nodes.remove(nodeName);
        if (node != null) {
            index(node.spec.runtimeType()).remove(node);
        }
    }

    /** Puts a runtime needing {@code slots} slots of a type on the best-fitting node, if one has room. */
    public Optional<Placement> place(String runtimeType, int slots) {
        TypeIndex index = byType.get(runtimeType);
        if (index == null) {
            return Optional.empty();
        }
        Node node = index.bestFit(slots);
        if (node == null) {
            return Optional.empty();
        }
        index.remove(node);
        node.free -= slots;
        index.insert(node);
        return Optional.of(new Placement(node.spec.name(), runtimeType, slots));
    }

    /** Gives a placement's slots back; a node that has left the pool takes nothing back. */
    public void release(Placement placement) {
        Node node = nodes.get(placement.node());
        if (node == null) {
            return;
        }
        TypeIndex index = index(node.spec.runtimeType());
        index.remove(node);
        node.free = Math.min(node.spec.slots(), node.free + placement.slots());
        index.insert(node);
    }

    /** Free slots of a type, across its nodes. */
    public int free(String runtimeType) {
        TypeIndex index = byType.get(runtimeType);
        return index == null ? 0 : index.free;
    }

    /** All slots of a type, used or not. */
    public int total(String runtimeType) {
        TypeIndex index = byType.get(runtimeType);
        return index == null ? 0 : index.total;
    }

    private TypeIndex index(String runtimeType) {
        return byType.computeIfAbsent(runtimeType, type -> new TypeIndex());
    }

    private static final class Node {
        final PoolNode spec;
        int free;

        Node(PoolNode spec, int free) {
            this.spec = spec;
            this.free = free;
        }
    }

    /** One type's nodes bucketed by free slots: {@code buckets.get(n)} holds the nodes with exactly n free. */
    private static final class TypeIndex {
        final List<LinkedHashSet<Node>> buckets = new ArrayList<>();
        int free;
        int total;

        void insert(Node node) {
            while (buckets.size() <= node.free) {
                buckets.add(new LinkedHashSet<>());
            }
            buckets.get(node.free).add(node);
            free += node.free;
            total += node.spec.slots();
        }

        void remove(Node node) {
            buckets.get(node.free).remove(node);
            free -= node.free;
            total -= node.spec.slots();
        }

        Node bestFit(int slots) {
            for (int n = Math.max(slots, 1); n < buckets.size(); n++) {
                LinkedHashSet<Node> bucket = buckets.get(n);
                if (!bucket.isEmpty()) {
                    return bucket.iterator().next();
                }
            }
            return null;
        }
    }
}
