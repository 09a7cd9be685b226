package io.jotter.scheduler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.jotter.pool.capacity.CapacityPool;
import io.jotter.pool.capacity.PoolNode;
import io.jotter.pool.catalog.RuntimeCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pool's capacity from the cluster's nodes: allocatable accelerators per node pool, followed by a watch. */
@Timeout(60)
class NodeInventoryTest {
    @RegisterExtension
    final MockCluster cluster = new MockCluster();

    @Test
    void nodesBecomePoolNodesOfTheTypeTheirLabelsAndAcceleratorsMatch() {
        create(node("t4-a", Map.of("cloud.google.com/gke-accelerator", "nvidia-tesla-t4"), "nvidia.com/gpu", "4"));
        create(node("tpu-a", Map.of("cloud.google.com/gke-tpu-accelerator", "tpu-v5-lite-podslice",
                "cloud.google.com/gke-tpu-topology", "1x1"), "google.com/tpu", "1"));
        create(node("cpu-a", Map.of(), null, null));
        create(new NodeBuilder(node("t4-cordoned", Map.of("cloud.google.com/gke-accelerator", "nvidia-tesla-t4"),
                "nvidia.com/gpu", "4")).editSpec().withUnschedulable(true).endSpec().build());
        create(new NodeBuilder(node("t4-not-ready", Map.of("cloud.google.com/gke-accelerator", "nvidia-tesla-t4"),
                "nvidia.com/gpu", "4")).editStatus().editFirstCondition().withStatus("False").endCondition()
                .endStatus().build());
        // A GPU node whose device plugin has not reported yet has no allocatable GPUs: not in the pool yet.
        create(node("t4-plugin-pending", Map.of("cloud.google.com/gke-accelerator", "nvidia-tesla-t4"), null, null));

        // The defaults have no TPU type; configuration adds one.
        NodeInventory inventory = cluster.closing(new NodeInventory(cluster.client,
                RuntimeCatalog.defaults().with(List.of(KernelPods.TPU))));
        // cpu-a: 16 CPUs and 64 GiB hold five 2-CPU, 12-GiB runtimes (memory runs out first).
        assertEquals(List.of(new PoolNode("cpu-a", "cpu", 5), new PoolNode("t4-a", "gpu-t4", 4),
                new PoolNode("tpu-a", "tpu-v5e-1", 1)), inventory.nodes());
        assertEquals(4, inventory.slots("gpu-t4"));
        // Without a TPU type a TPU node serves nothing: accelerator nodes are never CPU nodes.
        assertEquals(java.util.Optional.empty(), NodeInventory.poolNode(cluster.client.nodes().withName("tpu-a").get(),
                RuntimeCatalog.defaults()));
    }

    @Test
    void theWatchKeepsACapacityPoolCurrent() {
        create(node("t4-a", Map.of("cloud.google.com/gke-accelerator", "nvidia-tesla-t4"), "nvidia.com/gpu", "4"));
        NodeInventory inventory = cluster.closing(new NodeInventory(cluster.client, RuntimeCatalog.defaults()));
        CapacityPool pool = new CapacityPool(inventory.nodes());
        inventory.onChange(change -> {
            synchronized (pool) {
                if (change instanceof NodeInventory.Change.Joined joined) {
                    pool.add(joined.node());
                } else if (change instanceof NodeInventory.Change.Left left) {
                    pool.remove(left.nodeName());
                }
            }
        });
        assertEquals(4, total(pool, "gpu-t4"));

        create(node("t4-b", Map.of("cloud.google.com/gke-accelerator", "nvidia-tesla-t4"), "nvidia.com/gpu", "2"));
        await(() -> total(pool, "gpu-t4") == 6, "a node joined");

        cluster.client.nodes().withName("t4-a").edit(n -> new NodeBuilder(n).editSpec().withUnschedulable(true)
                .endSpec().build());
        await(() -> total(pool, "gpu-t4") == 2, "a node cordoned");

        cluster.client.nodes().withName("t4-b").edit(n -> new NodeBuilder(n).editStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity("1")).endStatus().build());
        await(() -> total(pool, "gpu-t4") == 1, "a GPU went unhealthy");

        cluster.client.nodes().withName("t4-b").delete();
        await(() -> total(pool, "gpu-t4") == 0, "a node left");
        assertTrue(inventory.nodes().isEmpty());
    }

    private static int total(CapacityPool pool, String type) {
        synchronized (pool) {
            return pool.total(type);
        }
    }

    private void create(Node node) {
        cluster.client.nodes().resource(node).create();
    }

    private static Node node(String name, Map<String, String> labels, String accelerator, String count) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .addToAllocatable("cpu", new Quantity("16"))
                    .addToAllocatable("memory", new Quantity("64Gi"))
                .endStatus();
        if (accelerator != null) {
            node.editStatus().addToAllocatable(accelerator, new Quantity(count)).endStatus();
        }
        return node.build();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
