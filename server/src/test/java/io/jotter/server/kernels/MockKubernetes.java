package io.jotter.server.kernels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kubernetes cluster for the server's Kubernetes backend: fabric8's mock API server in CRUD mode, one CPU node,
 * and a kubelet of this test's own that runs each kernel pod as a real Jotter Java kernel process on this machine,
 * listening on a loopback address of its own (127.0.0.2, .3, ...) at the pod's fixed ports with the key from the
 * pod's Secret, and reports the pod Running at that address. So the server reaches a pod's kernel over ZeroMQ as it
 * would in a cluster; only scheduling, images and the network are not real.
 */
public class MockKubernetes implements QuarkusTestResourceLifecycleManager {
    static final String NAMESPACE = "jotter";
    /** The client tests read the cluster with. */
    static volatile KubernetesClient client;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CLIENT_PROPERTIES = List.of("kubernetes.master", "kubernetes.namespace",
            "kubernetes.auth.tryKubeConfig", "kubernetes.auth.tryServiceAccount", "kubernetes.trust.certificates");

    private KubernetesMockServer server;
    private Watch watch;
    private final Map<String, Process> kernels = new ConcurrentHashMap<>();
    private final AtomicInteger addresses = new AtomicInteger(1);
    private final ExecutorService kubelet = Executors.newSingleThreadExecutor();
    private Path folder;

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init();
        client = server.createClient();
        try {
            folder = Files.createTempDirectory("mock-kubelet");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // 16 CPUs and 64 GiB: five of the default 2-CPU, 12-GiB cpu runtimes.
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("cpu-a").endMetadata()
                .withNewSpec().endSpec().withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addToAllocatable("cpu", new Quantity("16")).addToAllocatable("memory", new Quantity("64Gi"))
                .endStatus().build()).create();
        watch = client.pods().inNamespace(NAMESPACE).withLabel("app.kubernetes.io/name", "jotter-kernel")
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        String name = pod.getMetadata().getName();
                        if (action == Action.ADDED) {
                            kubelet.execute(() -> run(pod));
                        } else if (action == Action.DELETED) {
                            Process kernel = kernels.remove(name);
                            if (kernel != null) {
                                kernel.destroy();
                            }
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
        System.setProperty("kubernetes.master", client.getMasterUrl().toString());
        System.setProperty("kubernetes.namespace", NAMESPACE);
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        System.setProperty("kubernetes.trust.certificates", "true");
        return Map.of("jotter.runtime.backend", "kubernetes", "jotter.kubernetes.namespace", NAMESPACE);
    }

    /** Starts the pod's kernel with its Secret's connection at an address of its own, then reports it running. */
    private void run(Pod pod) {
        String name = pod.getMetadata().getName();
        try {
            Secret secret = client.secrets().inNamespace(NAMESPACE).withName(name).get();
            String json = secret.getStringData() != null && secret.getStringData().containsKey("kernel.json")
                    ? secret.getStringData().get("kernel.json")
                    : new String(Base64.getDecoder().decode(secret.getData().get("kernel.json")), StandardCharsets.UTF_8);
            String ip = "127.0.0." + addresses.incrementAndGet();
            ObjectNode connection = (ObjectNode) JSON.readTree(json);
            connection.put("ip", ip);
            Path file = folder.resolve(name + ".json");
            Files.writeString(file, JSON.writeValueAsString(connection));
            String launcher = System.getProperty("user.dir") + "/../notebook-kernel/kernel/bin/jotter-kernel";
            ProcessBuilder process = new ProcessBuilder(launcher, file.toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve(name + ".log").toFile());
            for (EnvVar variable : pod.getSpec().getContainers().get(0).getEnv()) {
                if (variable.getValue() != null) {
                    process.environment().put(variable.getName(), variable.getValue());
                }
            }
            kernels.put(name, process.start());
            client.pods().inNamespace(NAMESPACE).withName(name).editStatus(p -> {
                p.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP(ip).build());
                return p;
            });
        } catch (IOException | KubernetesClientException e) {
            // A pod deleted meanwhile, as a kubelet would find it.
        }
    }

    @Override
    public void stop() {
        if (watch != null) {
            watch.close();
        }
        kubelet.shutdownNow();
        kernels.values().forEach(Process::destroy);
        for (Process kernel : kernels.values()) {
            try {
                kernel.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        CLIENT_PROPERTIES.forEach(System::clearProperty);
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }
}
