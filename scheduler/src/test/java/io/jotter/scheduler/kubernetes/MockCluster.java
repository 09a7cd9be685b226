package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * fabric8's mock API server in CRUD mode (it stores, lists, watches and deletes what it is sent; no scheduler, no
 * kubelet) with a {@link PodSimulator} playing those parts. Registered as an extension, it shuts down after the
 * test's own {@code @AfterEach} methods, so they can still stop what they started.
 */
final class MockCluster implements AfterEachCallback {
    static final String NAMESPACE = "jotter";

    final KubernetesMockServer server;
    final KubernetesClient client;
    final PodSimulator pods;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
        pods = new PodSimulator(client, NAMESPACE);
    }

    /** Closes {@code closeable} with the cluster. */
    <T extends AutoCloseable> T closing(T closeable) {
        toClose.push(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
        pods.close();
        client.close();
        server.destroy();
    }
}
