package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jotter.pool.capacity.PoolNode;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The cluster's nodes as the accelerator pool's {@link PoolNode}s, kept current by a watch on nodes (never polled):
 * a node serves the first runtime type, accelerated ones before CPU ones, whose node selector its labels match and
 * whose accelerators it has allocatable. Its slots are its allocatable accelerators; for a CPU type, how many
 * runtimes of that type its allocatable CPU and memory hold. Cordoned and not-ready nodes are not in the pool.
 *
 * <p>Two CPU types with the same node selector (the defaults have none) share nodes by catalog order: give each CPU
 * node pool a label and each CPU type its selector to split them.
 */
public final class NodeInventory implements AutoCloseable {
    private static final List<String> ACCELERATOR_RESOURCES = List.of("nvidia.com/gpu", "google.com/tpu",
            "amd.com/gpu");

    /** What changed in the pool; feed it to {@code CapacityPool.add} and {@code remove}. */
    public sealed interface Change {
        /** A node joined, or its slots changed. */
        record Joined(PoolNode node) implements Change {
        }

        /** A node left, was cordoned or stopped being ready. */
        record Left(String nodeName) implements Change {
        }
    }

    private final RuntimeCatalog catalog;
    private final Map<String, PoolNode> nodes = new ConcurrentHashMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final SharedIndexInformer<Node> informer;

    /** Lists the nodes and starts watching them; returns once the first list is in. */
    public NodeInventory(KubernetesClient client, RuntimeCatalog catalog) {
        this.catalog = catalog;
        this.informer = client.nodes().inform(new Handler(), 0);
        // The informer's store is complete now; its handler may not have run for every node yet.
        informer.getStore().list().forEach(node -> seen(node, false));
    }

    /** The pool's nodes now, by name. */
    public List<PoolNode> nodes() {
        return nodes.values().stream().sorted(Comparator.comparing(PoolNode::name)).toList();
    }

    /** All slots of a runtime type across its nodes. */
    public int slots(String runtimeType) {
        return nodes.values().stream().filter(n -> n.runtimeType().equals(runtimeType)).mapToInt(PoolNode::slots).sum();
    }

    /** Calls {@code listener} on every change, on the watch's thread. */
    public void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /** What a node is to the pool, if anything. */
    static Optional<PoolNode> poolNode(Node node, RuntimeCatalog catalog) {
        if (!isReady(node) || Boolean.TRUE.equals(node.getSpec() == null ? null : node.getSpec().getUnschedulable())) {
            return Optional.empty();
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, Quantity> allocatable = node.getStatus().getAllocatable() == null ? Map.of()
                : node.getStatus().getAllocatable();
        boolean hasAccelerators = ACCELERATOR_RESOURCES.stream().anyMatch(r -> amount(allocatable, r).signum() > 0);
        Optional<RuntimeType> acceleratorPool = catalog.all().stream()
                .filter(type -> type.isAccelerated() && !type.nodeSelector().isEmpty()
                        && labels.entrySet().containsAll(type.nodeSelector().entrySet()))
                .findFirst();
        if (acceleratorPool.isPresent()) {
            // An accelerator pool's node whose device plugin has not reported yet is no CPU node meanwhile.
            int slots = slots(acceleratorPool.get(), allocatable, true);
            return slots == 0 ? Optional.empty()
                    : Optional.of(new PoolNode(node.getMetadata().getName(), acceleratorPool.get().name(), slots));
        }
        return Stream.concat(catalog.all().stream().filter(RuntimeType::isAccelerated),
                        catalog.all().stream().filter(t -> !t.isAccelerated()))
                .filter(type -> labels.entrySet().containsAll(type.nodeSelector().entrySet()))
                .map(type -> new PoolNode(node.getMetadata().getName(), type.name(),
                        slots(type, allocatable, hasAccelerators)))
                .filter(n -> n.slots() > 0)
                .findFirst();
    }

    private static int slots(RuntimeType type, Map<String, Quantity> allocatable, boolean hasAccelerators) {
        if (type.isAccelerated()) {
            return amount(allocatable, type.acceleratorResource()).intValue();
        }
        if (hasAccelerators) {
            return 0; // accelerator nodes are for accelerator runtimes
        }
        int byCpu = amount(allocatable, "cpu").multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(type.milliCpus()), 0, RoundingMode.FLOOR).intValue();
        int byMemory = amount(allocatable, "memory")
                .divide(BigDecimal.valueOf(type.memoryMiB() << 20), 0, RoundingMode.FLOOR).intValue();
        return Math.min(byCpu, byMemory);
    }

    private static BigDecimal amount(Map<String, Quantity> allocatable, String resource) {
        Quantity quantity = allocatable.get(resource);
        return quantity == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(quantity);
    }

    private static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private synchronized void seen(Node node, boolean deleted) {
        String name = node.getMetadata().getName();
        Optional<PoolNode> now = deleted ? Optional.empty() : poolNode(node, catalog);
        PoolNode before = now.isPresent() ? nodes.put(name, now.get()) : nodes.remove(name);
        if (now.isPresent() && !Objects.equals(before, now.get())) {
            listeners.forEach(l -> l.accept(new Change.Joined(now.get())));
        } else if (now.isEmpty() && before != null) {
            listeners.forEach(l -> l.accept(new Change.Left(name)));
        }
    }

    @Override
    public void close() {
        informer.close();
    }

    private final class Handler implements ResourceEventHandler<Node> {
        @Override
        public void onAdd(Node node) {
            seen(node, false);
        }

        @Override
        public void onUpdate(Node before, Node after) {
            seen(after, false);
        }

        @Override
        public void onDelete(Node node, boolean finalStateUnknown) {
            seen(node, true);
        }
    }
}
